using System.Data.Common;
using System.Text.Json;
using JobPlatform.ContentAnalysis;
using JobPlatform.Engine.Jobs;
using Microsoft.EntityFrameworkCore;

namespace JobPlatform.ProfileAnalytics.Storage;

/// <summary>
/// Every statement on the profile analytics tables, and none anywhere else (as the engine's JobStore is for jobs).
/// Writes are upserts keyed by username or post id: a retried job, or two jobs of the same profile for two callers,
/// write the same rows again, never duplicates.
/// </summary>
public sealed class ProfileStore(ProfileAnalyticsDbContext db)
{
    /// <summary>
    /// How long a username Apify said does not exist is answered 404 without a new job: accounts are created and
    /// renamed, so the answer is checked again after this.
    /// </summary>
    public static readonly TimeSpan UnknownProfileMemory = TimeSpan.FromHours(24);

    /// <summary>
    /// The profile endpoints' read when the cache has nothing, for many usernames in one statement
    /// (<see cref="Reads.ProfileLookupBatcher"/>): each name gets its stored profile, analysis and unknown mark, all null
    /// for a name never fetched.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, StoredProfile>> LookUpAsync(IReadOnlyList<string> usernames, CancellationToken cancellationToken) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = LookUpSql;
                var parameter = command.CreateParameter();
                parameter.Value = usernames.ToArray();
                command.Parameters.Add(parameter);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var found = new Dictionary<string, StoredProfile>(StringComparer.Ordinal);
                while (await reader.ReadAsync(cancellationToken))
                {
                    found[reader.GetString(0)] = ReadStoredProfile(reader, reader.GetString(0));
                }

                return found;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

    public Task<InstagramProfileRow?> FindProfileAsync(string username, CancellationToken cancellationToken) =>
        db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.Username == username, cancellationToken);

    /// <summary>
    /// Stores a fetch: the profile, its posts, and forgets that the username was unknown, in one transaction. A re-hosted
    /// URL that is null this time (the copy failed) keeps the one stored before, which still works.
    /// </summary>
    public Task SaveFetchAsync(InstagramProfileRow profile, IReadOnlyList<InstagramPostRow> posts, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO instagram_profiles (username, full_name, biography, followers_count, following_count, posts_count, profile_pic_url,
                    is_verified, is_private, fetched_at)
                VALUES ({profile.Username}, {profile.FullName}, {profile.Biography}, {profile.FollowersCount}, {profile.FollowingCount},
                    {profile.PostsCount}, {profile.ProfilePicUrl}, {profile.IsVerified}, {profile.IsPrivate}, {profile.FetchedAt})
                ON CONFLICT (username) DO UPDATE SET full_name = EXCLUDED.full_name, biography = EXCLUDED.biography,
                    followers_count = EXCLUDED.followers_count, following_count = EXCLUDED.following_count, posts_count = EXCLUDED.posts_count,
                    profile_pic_url = coalesce(EXCLUDED.profile_pic_url, instagram_profiles.profile_pic_url),
                    is_verified = EXCLUDED.is_verified, is_private = EXCLUDED.is_private, fetched_at = EXCLUDED.fetched_at
                """, cancellationToken);
            var rows = JsonSerializer.Serialize(posts, JobJson.Options);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO instagram_posts (id, username, short_code, caption, hashtags, likes_count, comments_count, views_count, media_url,
                    posted_at, fetched_at)
                SELECT r.id, r.username, r.short_code, r.caption, ARRAY(SELECT jsonb_array_elements_text(r.hashtags)), r.likes_count,
                    r.comments_count, r.views_count, r.media_url, r.posted_at, r.fetched_at
                FROM jsonb_to_recordset({rows}::jsonb) AS r(id text, username text, short_code text, caption text, hashtags jsonb,
                    likes_count bigint, comments_count bigint, views_count bigint, media_url text, posted_at timestamptz, fetched_at timestamptz)
                ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, short_code = EXCLUDED.short_code, caption = EXCLUDED.caption,
                    hashtags = EXCLUDED.hashtags, likes_count = EXCLUDED.likes_count, comments_count = EXCLUDED.comments_count,
                    views_count = EXCLUDED.views_count, media_url = coalesce(EXCLUDED.media_url, instagram_posts.media_url),
                    posted_at = EXCLUDED.posted_at, fetched_at = EXCLUDED.fetched_at
                """, cancellationToken);
            await db.Database.ExecuteSqlAsync($"DELETE FROM unknown_profiles WHERE username = {profile.Username}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

    public Task RecordUnknownAsync(string username, DateTimeOffset checkedAt, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO unknown_profiles (username, checked_at) VALUES ({username}, {checkedAt})
            ON CONFLICT (username) DO UPDATE SET checked_at = EXCLUDED.checked_at
            """, cancellationToken);

    /// <summary>Of <paramref name="postIds"/>, those no AI worker has analysed yet.</summary>
    public Task<List<string>> FindUnanalyzedAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken) =>
        db.Posts.Where(p => postIds.Contains(p.Id) && !db.PostAnalyses.Any(a => a.PostId == p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);

    /// <summary>What the analyser reads of the stored posts among <paramref name="postIds"/>.</summary>
    public async Task<List<PostText>> ReadPostTextsAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken) =>
        (await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id)).Select(p => new { p.Id, p.Caption, p.Hashtags }).ToListAsync(cancellationToken))
        .ConvertAll(p => new PostText(p.Id, p.Caption, p.Hashtags));

    public Task SaveAnalysesAsync(IReadOnlyList<PostAnalysisRow> analyses, CancellationToken cancellationToken)
    {
        var rows = JsonSerializer.Serialize(analyses, JobJson.Options);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO post_analyses (post_id, language, language_confidence, sentiment, sentiment_score, category, category_confidence, engine,
                analyzed_at)
            SELECT r.post_id, r.language, r.language_confidence, r.sentiment, r.sentiment_score, r.category, r.category_confidence, r.engine,
                r.analyzed_at
            FROM jsonb_to_recordset({rows}::jsonb) AS r(post_id text, language text, language_confidence double precision, sentiment text,
                sentiment_score double precision, category text, category_confidence double precision, engine text, analyzed_at timestamptz)
            ON CONFLICT (post_id) DO UPDATE SET language = EXCLUDED.language, language_confidence = EXCLUDED.language_confidence,
                sentiment = EXCLUDED.sentiment, sentiment_score = EXCLUDED.sentiment_score, category = EXCLUDED.category,
                category_confidence = EXCLUDED.category_confidence, engine = EXCLUDED.engine, analyzed_at = EXCLUDED.analyzed_at
            """, cancellationToken);
    }

    public Task<List<PostAnalysisRow>> ReadAnalysesAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken) =>
        db.PostAnalyses.AsNoTracking().Where(a => postIds.Contains(a.PostId)).ToListAsync(cancellationToken);

    public Task SaveProfileAnalysisAsync(string username, string result, DateTimeOffset analyzedAt, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO profile_analyses (username, result, analyzed_at) VALUES ({username}, {result}::jsonb, {analyzedAt})
            ON CONFLICT (username) DO UPDATE SET result = EXCLUDED.result, analyzed_at = EXCLUDED.analyzed_at
            """, cancellationToken);

    /// <summary>A profile's stored posts with their analyses, newest first (undated ones last), at most <paramref name="limit"/>.</summary>
    public async Task<List<StoredPost>> ReadPostsAsync(string username, int limit, CancellationToken cancellationToken) =>
        (await (from post in db.Posts.AsNoTracking()
                where post.Username == username
                join analysis in db.PostAnalyses.AsNoTracking() on post.Id equals analysis.PostId into analyses
                from analysis in analyses.DefaultIfEmpty()
                orderby post.PostedAt descending, post.Id
                select new { post, analysis })
            .Take(limit).ToListAsync(cancellationToken))
        .ConvertAll(p => new StoredPost(p.post, p.analysis));

    /// <summary>$1 the username. One row whatever exists: left joins from the name itself.</summary>
    private const string LookUpSql = """
        SELECT u.username, p.username IS NOT NULL AS profile_found, p.full_name, p.biography, p.followers_count, p.following_count,
            p.posts_count, p.profile_pic_url, p.is_verified, p.is_private, p.fetched_at, a.result::text AS analysis, a.analyzed_at,
            x.checked_at AS unknown_since
        FROM unnest($1::text[]) AS u(username)
        LEFT JOIN instagram_profiles p ON p.username = u.username
        LEFT JOIN profile_analyses a ON a.username = u.username
        LEFT JOIN unknown_profiles x ON x.username = u.username
        """;

    private static StoredProfile ReadStoredProfile(DbDataReader reader, string username)
    {
        var profile = reader.GetBoolean(1)
            ? new InstagramProfileRow(username, Text(reader, 2), Text(reader, 3), Number(reader, 4), Number(reader, 5), Number(reader, 6),
                Text(reader, 7), Flag(reader, 8), Flag(reader, 9), reader.GetFieldValue<DateTimeOffset>(10))
            : null;
        var analysis = reader.IsDBNull(11) ? null : new ProfileAnalysisRow(username, reader.GetString(11), reader.GetFieldValue<DateTimeOffset>(12));
        var unknownSince = reader.IsDBNull(13) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(13);
        return new StoredProfile(profile, analysis, unknownSince);
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? Number(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static bool? Flag(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetBoolean(ordinal);
}
