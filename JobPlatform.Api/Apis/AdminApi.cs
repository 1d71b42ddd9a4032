using System.ComponentModel;
using JobPlatform.Api.Auth;
using JobPlatform.Api.Model;
using JobPlatform.Api.Validation;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobPlatform.Api.Apis;

/// <summary>Operators' API (operator key): tenants, users and keys; dead-lettered jobs and their redrive.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin").RequireAuthorization(Policies.Operator).WithTags("Admin").ProducesCallerProblems();
        api.MapPost("/tenants", CreateTenant)
            .WithName(nameof(CreateTenant))
            .WithSummary("Create a tenant")
            .WithDescription("A tenant with a configured tier (`free`, `standard`, `premium`, `enterprise`) and credits (0 to 10^12, default 0).")
            .ProducesJsonBodyProblems();
        api.MapGet("/tenants/{tenantId:guid}", GetTenant)
            .WithName(nameof(GetTenant))
            .WithSummary("Get a tenant")
            .WithDescription("Its tier and remaining credits.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/tenants/{tenantId:guid}/users", CreateUser)
            .WithName(nameof(CreateUser))
            .WithSummary("Create a user and their API key")
            .WithDescription("The key is in this response only: the API stores its hash.")
            .ProducesJsonBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/dead-letters", ListDeadLetters)
            .WithName(nameof(ListDeadLetters))
            .WithSummary("List dead-lettered jobs")
            .WithDescription("Jobs that failed for good, every tenant's, most recent first (at most 500).");
        api.MapPost("/dead-letters/{jobId:guid}/redrive", Redrive)
            .WithName(nameof(Redrive))
            .WithSummary("Redrive a dead-lettered job")
            .WithDescription("""
                Queues the job again with a fresh set of attempts on top of those it used; its cost is charged again, as
                for a new job (402 when the tenant's credits do not cover it). 404 when the job is not dead-lettered.
                """)
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Created<TenantResponse>, ProblemHttpResult>> CreateTenant(
        CreateTenantRequest request, JobStore store, IOptions<JobEngineOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (TextInput.FindProblem(request.Name, "name", InputLimits.NameLength) is { } nameProblem)
        {
            return JobsApi.BadRequest(nameProblem);
        }

        if (request.Tier is null || !options.Value.Tiers.ContainsKey(request.Tier))
        {
            return JobsApi.BadRequest($"tier must be one of: {string.Join(", ", options.Value.Tiers.Keys)}.");
        }

        if (request.Credits is < 0 or > InputLimits.MaxCredits)
        {
            return JobsApi.BadRequest($"credits must be from 0 to {InputLimits.MaxCredits}.");
        }

        var tenant = new Tenant { Id = Guid.CreateVersion7(), Name = request.Name!, Tier = request.Tier.ToLowerInvariant(), Credits = request.Credits ?? 0, CreatedAt = time.GetUtcNow() };
        await store.CreateTenantAsync(tenant, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/tenants/{tenant.Id}", ToResponse(tenant));
    }

    public static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetTenant(Guid tenantId, JobsDbContext db, CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken) is { } tenant
            ? TypedResults.Ok(ToResponse(tenant))
            : TenantNotFound(tenantId);

    public static async Task<Results<Created<UserKeyResponse>, ProblemHttpResult>> CreateUser(
        Guid tenantId, CreateUserRequest request, JobStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (TextInput.FindProblem(request.Name, "name", InputLimits.NameLength) is { } nameProblem)
        {
            return JobsApi.BadRequest(nameProblem);
        }

        var now = time.GetUtcNow();
        var user = new User { Id = Guid.CreateVersion7(), TenantId = tenantId, Name = request.Name!, CreatedAt = now };
        var key = ApiKeys.Generate();
        if (!await store.CreateUserAsync(user, new ApiKey { KeyHash = ApiKeys.Hash(key), UserId = user.Id, CreatedAt = now }, cancellationToken))
        {
            return TenantNotFound(tenantId);
        }

        return TypedResults.Created($"/api/v1/admin/tenants/{tenantId}/users/{user.Id}", new UserKeyResponse(user.Id, tenantId, key));
    }

    public static async Task<Ok<List<JobStatusResponse>>> ListDeadLetters(JobsDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Jobs.AsNoTracking().Where(j => j.DeadLetteredAt != null)
            .OrderByDescending(j => j.DeadLetteredAt).Take(500).ToListAsync(cancellationToken))
            .Select(job => JobStatusResponse.From(job, time.GetUtcNow())).ToList());

    /// <summary>Redrives in the <see cref="JobStore"/>: a fresh set of attempts, its cost charged again.</summary>
    public static async Task<Results<Ok<JobStatusResponse>, ProblemHttpResult>> Redrive(Guid jobId, JobStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await store.RedriveAsync(jobId, cancellationToken) switch
        {
            RedriveOutcome.Queued(var job) => TypedResults.Ok(JobStatusResponse.From(job, time.GetUtcNow())),
            RedriveOutcome.InsufficientCredits => TypedResults.Problem("The tenant's credits do not cover the job's cost.",
                statusCode: StatusCodes.Status402PaymentRequired, title: "Insufficient credits"),
            _ => TypedResults.Problem($"Job {jobId} is not dead-lettered.", statusCode: StatusCodes.Status404NotFound, title: "Not a dead-lettered job"),
        };

    private static TenantResponse ToResponse(Tenant tenant) => new(tenant.Id, tenant.Name, tenant.Tier, tenant.Credits);

    private static ProblemHttpResult TenantNotFound(Guid tenantId) =>
        TypedResults.Problem($"There is no tenant {tenantId}.", statusCode: StatusCodes.Status404NotFound, title: "Tenant not found");
}
