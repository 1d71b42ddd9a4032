using Microsoft.EntityFrameworkCore;

namespace JobPlatform.Engine.Data;

/// <summary>The record of every job, in the <c>jobsdb</c> database.</summary>
public sealed class JobsDbContext(DbContextOptions<JobsDbContext> options) : DbContext(options);
