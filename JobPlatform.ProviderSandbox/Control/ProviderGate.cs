namespace JobPlatform.ProviderSandbox.Control;

/// <summary>
/// In front of every endpoint of one provider: counts the call, applies the pending fault that matches it, then lets
/// the provider's credential check and the endpoint answer. A fault comes before the credential check, as a throttle
/// or an outage in front of the real provider would.
/// </summary>
internal sealed class ProviderGate<TDialect>(TDialect dialect, FaultInjector faults, CallCounter calls, TimeProvider time) : IEndpointFilter
    where TDialect : ProviderDialect
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var operation = http.GetEndpoint()?.Metadata.GetMetadata<ProviderOperation>()
            ?? throw new InvalidOperationException($"The endpoint {http.GetEndpoint()?.DisplayName} declares no provider operation.");
        calls.Count(operation);
        dialect.AddResponseHeaders(http, operation);
        var fault = faults.TakeFor(operation.Provider, operation.Name);
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                return dialect.Failure(http, operation, fault);
            case FaultKind.Timeout:
                await HangThenDropAsync(http, fault);
                return TypedResults.Empty;
            case FaultKind.Latency:
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs ?? 0), time, http.RequestAborted);
                break;
            case FaultKind.Malformed:
                await WriteTruncatedAsync(http, operation, fault, await AnswerAsync(context, next, operation));
                return TypedResults.Empty;
        }

        return await AnswerAsync(context, next, operation);
    }

    private async ValueTask<object?> AnswerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, ProviderOperation operation) =>
        dialect.Authorize(context.HttpContext, operation) ?? await next(context);

    /// <summary>A provider that never answers: hang, then drop the connection, unless the client gives up first.</summary>
    private async Task HangThenDropAsync(HttpContext http, Fault fault)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs ?? Fault.DefaultTimeoutMs), time, http.RequestAborted);
            http.Abort();
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up waiting: there is nobody left to answer.
        }
    }

    /// <summary>
    /// The answer the request would have had, as a 200 with the first half of its body; an answer with no body (an S3
    /// PUT, a HEAD) gets half of the provider's error body instead, so there is always something unreadable.
    /// </summary>
    private async Task WriteTruncatedAsync(HttpContext http, ProviderOperation operation, Fault fault, object? answer)
    {
        var body = await RenderAsync(http, answer);
        if (body.Length == 0)
        {
            body = await RenderAsync(http, dialect.Failure(http, operation, fault with { Status = StatusCodes.Status500InternalServerError }));
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentLength = body.Length / 2;
        await http.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), http.RequestAborted);
    }

    private static async Task<byte[]> RenderAsync(HttpContext http, object? answer)
    {
        if (answer is not IResult result)
        {
            throw new InvalidOperationException($"Provider endpoints answer with IResult, not {answer?.GetType().Name ?? "null"}.");
        }

        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await result.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        return captured.ToArray();
    }
}
