using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace JobPlatform.Engine.Data;

/// <summary>
/// The record of every job, in the <c>jobsdb</c> database, and the Data Protection key ring that seals jobs' secret
/// parameters. The schema is Data/Migrations/*.sql.
/// </summary>
public sealed class JobsDbContext(DbContextOptions<JobsDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<User> Users => Set<User>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<JobResultRow> JobResults => Set<JobResultRow>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>().ToTable("tenants");
        modelBuilder.Entity<User>().ToTable("users");
        modelBuilder.Entity<ApiKey>().ToTable("api_keys").HasKey(k => k.KeyHash);
        modelBuilder.Entity<Job>(job =>
        {
            job.ToTable("jobs");
            job.Property(j => j.Parameters).HasColumnType("jsonb");
            job.Property(j => j.Result).HasColumnType("jsonb");
            job.Property(j => j.Checkpoint).HasColumnType("jsonb");
            job.Property(j => j.SnoozeState).HasColumnType("jsonb");
        });
        modelBuilder.Entity<JobResultRow>(row =>
        {
            row.ToTable("job_results").HasKey(r => new { r.JobId, r.RowNo });
            row.Property(r => r.Data).HasColumnType("jsonb");
        });
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        modelBuilder.UseSnakeCaseColumns();
    }
}
