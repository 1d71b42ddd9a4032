using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobPlatform.ProviderSandbox.Control;

/// <summary>
/// The sandbox's own API (no provider has it): inject faults, read call counts, switch the latency profile. It asks
/// for no credential, as the sandbox itself is a development and test tool only; its prefix <c>/_sandbox</c> is one no
/// imitated provider uses.
/// </summary>
internal static class ControlApi
{
    private static readonly Dictionary<string, FaultKind> RequestFaultKinds = new(StringComparer.Ordinal)
    {
        ["status"] = FaultKind.Status,
        ["timeout"] = FaultKind.Timeout,
        ["malformed"] = FaultKind.Malformed,
        ["latency"] = FaultKind.Latency,
    };

    private static readonly string[] RunOutcomes = ["FAILED", "TIMED-OUT", "ABORTED"];

    public static RouteGroupBuilder MapSandboxControlApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/_sandbox");
        api.MapPost("/faults", AddFault);
        api.MapGet("/faults", ListFaults);
        api.MapDelete("/faults", ClearFaults);
        api.MapGet("/calls", GetCalls);
        api.MapDelete("/calls", ResetCalls);
        api.MapGet("/latency", GetLatency);
        api.MapPut("/latency", SetLatency);
        return api;
    }

    public static Results<Created<FaultResponse>, ValidationProblem> AddFault(FaultRequest request, FaultInjector faults)
    {
        var errors = new Dictionary<string, string[]>();
        var fault = Validate(request, errors);
        if (fault is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var added = faults.Add(fault);
        // Found in the list of pending faults; there is no route per fault.
        return TypedResults.Created("/_sandbox/faults", Describe(added, added.Count));
    }

    public static Ok<FaultResponse[]> ListFaults(FaultInjector faults) =>
        TypedResults.Ok(faults.Pending().Select(pending => Describe(pending.Fault, pending.Remaining)).ToArray());

    public static NoContent ClearFaults(FaultInjector faults)
    {
        faults.Clear();
        return TypedResults.NoContent();
    }

    public static Ok<Dictionary<string, Dictionary<string, long>>> GetCalls(CallCounter calls) => TypedResults.Ok(calls.Snapshot());

    public static NoContent ResetCalls(CallCounter calls)
    {
        calls.Reset();
        return TypedResults.NoContent();
    }

    public static Ok<LatencyResponse> GetLatency(LatencySettings latency) => TypedResults.Ok(new LatencyResponse(Name(latency.Profile)));

    public static Results<Ok<LatencyResponse>, ValidationProblem> SetLatency(LatencyRequest request, LatencySettings latency)
    {
        if (!Enum.TryParse<LatencyProfile>(request.Profile, ignoreCase: true, out var profile) || !Enum.IsDefined(profile) || int.TryParse(request.Profile, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["profile"] = ["profile is fast or realistic."] });
        }

        latency.Profile = profile;
        return TypedResults.Ok(new LatencyResponse(Name(profile)));
    }

    private static Fault? Validate(FaultRequest request, Dictionary<string, string[]> errors)
    {
        if (request.Provider is null || !ProviderCatalog.Operations.ContainsKey(request.Provider))
        {
            errors["provider"] = [$"provider is one of {string.Join(", ", ProviderCatalog.Operations.Keys)}."];
            return null;
        }

        if (request.Count is < 1)
        {
            errors["count"] = ["count is at least 1."];
        }

        if (request.DelayMs is < 0 || request.RetryAfterSeconds is < 0)
        {
            errors["delay_ms"] = ["delay_ms and retry_after_seconds are not negative."];
        }

        var count = request.Count ?? 1;
        if (request.Operation == ProviderCatalog.RunOutcome)
        {
            if (request.Provider != ProviderCatalog.Apify || request.StatusWord is null || !RunOutcomes.Contains(request.StatusWord))
            {
                errors["status_word"] = [$"A run-outcome fault is Apify's, with status_word one of {string.Join(", ", RunOutcomes)}."];
            }

            return errors.Count == 0 ? new Fault(0, request.Provider, request.Operation, FaultKind.RunOutcome, count, StatusWord: request.StatusWord) : null;
        }

        if (request.Operation is not null && !ProviderCatalog.IsOperation(request.Provider, request.Operation))
        {
            errors["operation"] = [$"{request.Provider}'s operations are {string.Join(", ", ProviderCatalog.Operations[request.Provider])}."];
        }

        if (request.Kind is null || !RequestFaultKinds.TryGetValue(request.Kind, out var kind))
        {
            errors["kind"] = ["kind is status, timeout, malformed or latency."];
            return null;
        }

        if (kind == FaultKind.Status && request.Status is not (>= 400 and <= 599))
        {
            errors["status"] = ["A status fault needs a status from 400 to 599."];
        }

        return errors.Count == 0
            ? new Fault(0, request.Provider, request.Operation, kind, count, request.Status, request.RetryAfterSeconds, request.DelayMs, ErrorCode: request.ErrorCode)
            : null;
    }

    private static FaultResponse Describe(Fault fault, int remaining) => new(
        fault.Id, fault.Provider, fault.Operation, fault.Kind == FaultKind.RunOutcome ? "outcome" : Name(fault.Kind), remaining,
        fault.Status, fault.RetryAfterSeconds, fault.DelayMs, fault.StatusWord, fault.ErrorCode);

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLower(CultureInfo.InvariantCulture);
}
