-- Seed 000's Instagram profile analytics (docs/requirements.md R-000). Usernames are stored lower-case: Instagram
-- treats them without case, and one row per account is what the cache and the live-job key count on.

CREATE TABLE instagram_profiles (
    username        text PRIMARY KEY CHECK (username = lower(username)),
    full_name       text,
    biography       text,
    followers_count bigint,
    following_count bigint,
    posts_count     bigint,
    -- Re-hosted (the CDN's signed URL expires); null when the picture could not be copied.
    profile_pic_url text,
    is_verified     boolean,
    is_private      boolean,
    fetched_at      timestamptz NOT NULL
);

CREATE TABLE instagram_posts (
    id             text PRIMARY KEY,
    username       text NOT NULL REFERENCES instagram_profiles (username) ON DELETE CASCADE,
    short_code     text,
    caption        text,
    hashtags       text[] NOT NULL DEFAULT ARRAY[]::text[],
    likes_count    bigint,
    comments_count bigint,
    views_count    bigint,
    -- Re-hosted, as profile_pic_url.
    media_url      text,
    posted_at      timestamptz,
    fetched_at     timestamptz NOT NULL
);

-- The posts endpoint: one profile's posts, newest first.
CREATE INDEX instagram_posts_by_profile ON instagram_posts (username, posted_at DESC NULLS LAST, id);

CREATE TABLE post_analyses (
    post_id             text PRIMARY KEY REFERENCES instagram_posts (id) ON DELETE CASCADE,
    language            text NOT NULL,
    language_confidence double precision NOT NULL,
    sentiment           text NOT NULL,
    sentiment_score     double precision NOT NULL,
    category            text NOT NULL,
    category_confidence double precision NOT NULL,
    engine              text NOT NULL,
    analyzed_at         timestamptz NOT NULL
);

-- The R-000-1 cached body of a profile's last analysis, as the job's result holds it.
CREATE TABLE profile_analyses (
    username    text PRIMARY KEY REFERENCES instagram_profiles (username) ON DELETE CASCADE,
    result      jsonb NOT NULL,
    analyzed_at timestamptz NOT NULL
);

-- Usernames Apify reported as not existing: answered 404 without a job for a while (ProfileStore.UnknownProfileMemory).
CREATE TABLE unknown_profiles (
    username   text PRIMARY KEY,
    checked_at timestamptz NOT NULL
);
