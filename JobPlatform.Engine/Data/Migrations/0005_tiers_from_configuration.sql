-- Tiers are configuration (Jobs:Tiers), not schema: a tier an operator configures must be usable without a migration.
-- That every tenant's tier is configured is checked when a service starts (DatabaseMigrator), where the configuration is.
ALTER TABLE tenants DROP CONSTRAINT IF EXISTS tenants_tier_check;
