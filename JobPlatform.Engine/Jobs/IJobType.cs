using System.Text.Json;

namespace JobPlatform.Engine.Jobs;

/// <summary>
/// A job type as every service knows it: its name, the workers that run it, its price, and how its parameters are
/// checked and sealed. Register it with <c>AddJobType&lt;T&gt;()</c> in every service (the API validates and routes with
/// it, and a worker that starts a child job routes the child with it); register its <see cref="IJobHandler"/> only in
/// the workers of its <see cref="Workload"/>.
/// </summary>
public interface IJobType
{
    string Name { get; }

    /// <summary>Which worker pool runs it: general workers or AI workers.</summary>
    Workload Workload { get; }

    /// <summary>Credits deducted when a job of this type is accepted (a child job is never charged: its parent was).</summary>
    int Cost { get; }

    /// <summary>Typical run time of one job, for the estimates returned at accept time.</summary>
    TimeSpan EstimatedDuration { get; }

    /// <summary>Checks parameters (at the API, and when a handler starts a child); returns a message, or null when they are valid.</summary>
    string? Validate(JsonElement parameters);

    /// <summary>
    /// The parameters that hold secrets (access tokens, API keys, passwords), as paths of property names through nested
    /// objects: <c>access_token</c>, <c>credentials.client_secret</c>, <c>headers.Authorization</c>. Names match
    /// ignoring case, as header names do. Their values are sealed when the job is accepted and opened only for its
    /// handler: the job record holds them sealed and no response or event shows them.
    /// </summary>
    IReadOnlyList<string> SecretParameters => [];

    /// <summary>
    /// Started only by other jobs (<see cref="JobStep.AwaitChildren"/>), never by a client: the generic API refuses it
    /// as it does an unknown type. Such a job works on what its parent stored, which a client has no say in.
    /// </summary>
    bool ChildOnly => false;
}
