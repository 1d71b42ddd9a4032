using JobPlatform.Engine.Data;
using Microsoft.EntityFrameworkCore;

namespace JobPlatform.ProfileAnalytics.Storage;

/// <summary>
/// The profile analytics tables, in the jobs database beside the engine's (registered with the same connection name,
/// <c>jobsdb</c>). The schema is <c>migrations/profiles_*.sql</c>, applied after the engine's migrations.
/// </summary>
public sealed class ProfileAnalyticsDbContext(DbContextOptions<ProfileAnalyticsDbContext> options) : DbContext(options)
{
    public DbSet<InstagramProfileRow> Profiles => Set<InstagramProfileRow>();

    public DbSet<InstagramPostRow> Posts => Set<InstagramPostRow>();

    public DbSet<PostAnalysisRow> PostAnalyses => Set<PostAnalysisRow>();

    public DbSet<ProfileAnalysisRow> ProfileAnalyses => Set<ProfileAnalysisRow>();

    public DbSet<UnknownProfileRow> UnknownProfiles => Set<UnknownProfileRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InstagramProfileRow>().ToTable("instagram_profiles").HasKey(p => p.Username);
        modelBuilder.Entity<InstagramPostRow>().ToTable("instagram_posts").HasKey(p => p.Id);
        modelBuilder.Entity<PostAnalysisRow>().ToTable("post_analyses").HasKey(a => a.PostId);
        modelBuilder.Entity<ProfileAnalysisRow>(analysis =>
        {
            analysis.ToTable("profile_analyses").HasKey(a => a.Username);
            analysis.Property(a => a.Result).HasColumnType("jsonb");
        });
        modelBuilder.Entity<UnknownProfileRow>().ToTable("unknown_profiles").HasKey(u => u.Username);

        modelBuilder.UseSnakeCaseColumns();
    }
}
