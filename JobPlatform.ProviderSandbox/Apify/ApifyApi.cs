using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JobPlatform.ProviderSandbox.Control;
using JobPlatform.ProviderSandbox.Media;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>
/// Apify's API v2 under <c>/apify</c> (the base URL <c>https://api.apify.com</c>): start a run, poll it (long poll
/// with <c>waitForFinish</c>), abort it, page through its dataset.
/// </summary>
internal static class ApifyApi
{
    /// <summary>Apify's cap on <c>waitForFinish</c>.</summary>
    private const int MaxWaitSeconds = 60;

    /// <summary>What Apify puts in <c>X-Apify-Pagination-Limit</c> when the request sets no limit.</summary>
    private const long NoLimit = 999_999_999_999;

    private const int DefaultTimeoutSecs = 3600;
    private const int DefaultMemoryMbytes = 1024;

    public static RouteGroupBuilder MapApifyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapProviderGroup<ApifyDialect>("/apify/v2");
        api.MapPost("/acts/{actorId}/runs", StartRun).IsOperation(ProviderCatalog.Apify, "runs");
        api.MapGet("/actor-runs/{runId}", GetRun).IsOperation(ProviderCatalog.Apify, "run", credentialOptional: true);
        // The Location of a started run: Apify answers there too.
        api.MapGet("/acts/{actorId}/runs/{runId}", GetRun).IsOperation(ProviderCatalog.Apify, "run", credentialOptional: true);
        api.MapPost("/actor-runs/{runId}/abort", AbortRun).IsOperation(ProviderCatalog.Apify, "abort");
        api.MapGet("/datasets/{datasetId}/items", GetDatasetItems).IsOperation(ProviderCatalog.Apify, "dataset");
        api.MapGet("/actor-runs/{runId}/dataset/items", GetRunDatasetItems).IsOperation(ProviderCatalog.Apify, "dataset");
        return api;
    }

    public static async Task<Results<JsonHttpResult<ApifyEnvelope<RunData>>, JsonHttpResult<ApifyErrorBody>>> StartRun(
        string actorId, int? timeout, int? memory, int? waitForFinish, string? build, HttpContext http,
        RunStore runs, FaultInjector faults, LatencySettings latency, ProviderCredentials credentials, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ActorCatalog.Find(actorId) is not { } actor)
        {
            return ApifyErrors.ActorNotFound();
        }

        if (timeout is < 1 || memory is { } mbytes && (mbytes < 128 || !int.IsPow2(mbytes)))
        {
            return ApifyErrors.InvalidValue("timeout must be a positive number of seconds, memory a power of 2 of at least 128 (megabytes).");
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, cancellationToken);
        JsonElement input;
        try
        {
            // Apify runs an actor with no input as with an empty object.
            input = body.Length == 0 ? JsonSerializer.SerializeToElement(new { }) : JsonDocument.Parse(body.ToArray()).RootElement.Clone();
        }
        catch (JsonException)
        {
            return ApifyErrors.Error(StatusCodes.Status400BadRequest, "invalid-request", "POST data must be a valid JSON object");
        }

        if (actor.InputProblem(input) is { } problem)
        {
            return ApifyErrors.InvalidInput(problem);
        }

        var startedAt = time.GetUtcNow();
        var run = new ActorRun(
            ApifyIds.New(),
            actor.Name,
            ApifyIds.For("user", credentials.ApifyToken),
            ApifyIds.New(),
            ApifyIds.New(),
            ApifyIds.New(),
            input,
            (int)body.Length,
            startedAt,
            actor.PlannedDuration(input, latency),
            latency.Profile == LatencyProfile.Fast ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(5),
            faults.TakeRunOutcome() ?? RunStatuses.Succeeded,
            timeout ?? DefaultTimeoutSecs,
            memory ?? DefaultMemoryMbytes,
            build ?? "latest",
            http.Connection.RemoteIpAddress?.ToString(),
            http.Request.Headers.UserAgent.ToString());
        await runs.SaveAsync(run, cancellationToken);
        run = await WaitAsync(runs, run, waitForFinish, time, cancellationToken);
        http.Response.Headers.Location = $"{Origin(http.Request)}/apify/v2/acts/{actor.Id}/runs/{run.Id}";
        return TypedResults.Json(Envelope(run, actor, http, time), ApifyJson.Api, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<Results<JsonHttpResult<ApifyEnvelope<RunData>>, JsonHttpResult<ApifyErrorBody>>> GetRun(
        string runId, int? waitForFinish, HttpContext http, RunStore runs, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await runs.FindAsync(runId, cancellationToken) is not { } run)
        {
            return ApifyErrors.RunNotFound();
        }

        run = await WaitAsync(runs, run, waitForFinish, time, cancellationToken);
        return TypedResults.Json(Envelope(run, Actor(run), http, time), ApifyJson.Api);
    }

    public static async Task<Results<JsonHttpResult<ApifyEnvelope<RunData>>, JsonHttpResult<ApifyErrorBody>>> AbortRun(
        string runId, string? gracefully, HttpContext http, RunStore runs, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await runs.FindAsync(runId, cancellationToken) is not { } run)
        {
            return ApifyErrors.RunNotFound();
        }

        var now = time.GetUtcNow();
        // Aborting a finished run changes nothing, as on Apify.
        if (!run.State(now).IsTerminal)
        {
            run = run with { AbortedAt = now, AbortedGracefully = IsTrue(gracefully) };
            await runs.SaveAsync(run, cancellationToken);
        }

        return TypedResults.Json(Envelope(run, Actor(run), http, time), ApifyJson.Api);
    }

    public static async Task<Results<JsonHttpResult<JsonArray>, JsonHttpResult<ApifyErrorBody>>> GetDatasetItems(
        string datasetId, HttpContext http, RunStore runs, TimeProvider time, CancellationToken cancellationToken) =>
        await runs.FindByDatasetAsync(datasetId, cancellationToken) is { } run
            ? Items(run, http, time)
            : ApifyErrors.DatasetNotFound();

    /// <summary>The run's default dataset, by the run's id (Apify's shortcut).</summary>
    public static async Task<Results<JsonHttpResult<JsonArray>, JsonHttpResult<ApifyErrorBody>>> GetRunDatasetItems(
        string runId, HttpContext http, RunStore runs, TimeProvider time, CancellationToken cancellationToken) =>
        await runs.FindAsync(runId, cancellationToken) is { } run
            ? Items(run, http, time)
            : ApifyErrors.RunNotFound();

    /// <summary>
    /// A page of the items pushed so far (all of them once the run succeeded), as a bare array with the pagination
    /// headers. <c>clean</c> skips hidden fields (#...) and empty items; the sandbox's items have none.
    /// </summary>
    private static Results<JsonHttpResult<JsonArray>, JsonHttpResult<ApifyErrorBody>> Items(ActorRun run, HttpContext http, TimeProvider time)
    {
        var query = http.Request.Query;
        if (query["format"] is { Count: > 0 } format && format != "json")
        {
            return ApifyErrors.InvalidValue("The sandbox serves dataset items as format=json only.");
        }

        if (!TryReadCount(query["offset"], out var offset) || !TryReadCount(query["limit"], out var limit))
        {
            return ApifyErrors.InvalidValue("offset and limit must be non-negative integers.");
        }

        var dataset = Actor(run).Dataset(run.Input, run.StartedAt, CdnUrls.For(http.Request, run.StartedAt));
        var state = run.State(time.GetUtcNow());
        var total = state.Status == RunStatuses.Succeeded ? dataset.Count : (long)Math.Floor(dataset.Count * state.Progress);
        var descending = IsTrue(query["desc"]);
        var start = Math.Min(offset ?? 0, total);
        var end = limit is { } pageSize ? Math.Min(total, start + pageSize) : total;
        var fields = List(query["fields"]);
        var omitted = List(query["omit"]);
        var page = new JsonArray();
        for (var position = start; position < end; position++)
        {
            var item = dataset.Item(descending ? total - 1 - position : position);
            foreach (var name in item.Select(property => property.Key).ToList())
            {
                if (fields.Count > 0 && !fields.Contains(name) || omitted.Contains(name) || IsTrue(query["clean"]) && name.StartsWith('#'))
                {
                    item.Remove(name);
                }
            }

            page.Add(item);
        }

        var headers = http.Response.Headers;
        headers["X-Apify-Pagination-Offset"] = start.ToString(CultureInfo.InvariantCulture);
        headers["X-Apify-Pagination-Limit"] = (limit ?? NoLimit).ToString(CultureInfo.InvariantCulture);
        headers["X-Apify-Pagination-Count"] = page.Count.ToString(CultureInfo.InvariantCulture);
        headers["X-Apify-Pagination-Total"] = total.ToString(CultureInfo.InvariantCulture);
        headers["X-Apify-Pagination-Desc"] = descending ? "true" : "false";
        return TypedResults.Json(page, ApifyJson.Items);
    }

    /// <summary>
    /// Holds the request until the run is terminal or <paramref name="waitSeconds"/> (at most 60) have passed. The run
    /// is read again at each wake-up (at least every second): an abort may come through another replica.
    /// </summary>
    private static async Task<ActorRun> WaitAsync(RunStore runs, ActorRun run, int? waitSeconds, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow().AddSeconds(Math.Clamp(waitSeconds ?? 0, 0, MaxWaitSeconds));
        while (true)
        {
            var now = time.GetUtcNow();
            var state = run.State(now);
            if (state.IsTerminal || now >= deadline)
            {
                return run;
            }

            var wake = new[] { deadline, state.NextChange ?? deadline, now.AddSeconds(1) }.Min();
            await Task.Delay(wake - now, time, cancellationToken);
            run = await runs.FindAsync(run.Id, cancellationToken) ?? run;
        }
    }

    private static ApifyEnvelope<RunData> Envelope(ActorRun run, ActorDefinition actor, HttpContext http, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var state = run.State(now);
        var items = state.Status == RunStatuses.Succeeded
            ? actor.Dataset(run.Input, run.StartedAt, CdnUrls.For(http.Request, run.StartedAt)).Count
            : 0;
        return new ApifyEnvelope<RunData>(run.ToData(actor, now, withCosts: ApifyDialect.Token(http.Request) is not null, items));
    }

    private static ActorDefinition Actor(ActorRun run) =>
        ActorCatalog.Find(run.ActorName) ?? throw new InvalidOperationException($"Run {run.Id} names an unknown actor {run.ActorName}.");

    private static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>Apify's booleans: <c>1</c> or <c>true</c>.</summary>
    private static bool IsTrue(string? value) => value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static HashSet<string> List(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static bool TryReadCount(string? value, out long? count)
    {
        count = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            count = parsed;
            return true;
        }

        return false;
    }
}
