using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobPlatform.Providers.Telemetry;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace JobPlatform.Providers.Http;

/// <summary>
/// Makes one client's calls through its HttpClient (and so through its provider's pipeline: retries, circuit breaker,
/// attempt timeout) and turns every way a call can end into its result or a <see cref="ProviderException"/>, recording
/// the outcome. Messages name the provider and the operation, never a URL: URLs can carry credentials.
/// </summary>
internal sealed class ProviderCaller(HttpClient http, ProviderIdentity provider, IFaultClassifier faults, ProviderTelemetry telemetry, IReadOnlyList<string> secrets)
{
    private const int MaxDetailLength = 300;

    public Task<T> GetJsonAsync<T>(string requestUri, ProviderCall call, string what, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(new HttpRequestMessage(HttpMethod.Get, requestUri), call, what, cancellationToken);

    public Task<T> SendJsonAsync<T>(HttpRequestMessage request, ProviderCall call, string what, CancellationToken cancellationToken) =>
        SendAsync(request, call, (response, token) => ReadJsonAsync<T>(response, what, token), cancellationToken);

    /// <summary>Sends <paramref name="request"/> (and disposes it) and reads a successful answer with <paramref name="read"/>.</summary>
    public Task<T> SendAsync<T>(HttpRequestMessage request, ProviderCall call, Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken) => CallAsync(call, async token =>
        {
            using var sent = request;
            call.AttachTo(request);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            if (await faults.ClassifyAsync(response, token) is { } fault)
            {
                throw Failure(call, fault);
            }

            // The pipeline's attempt timeout ends with the headers: the body gets the call's timeout again.
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(token);
            reading.CancelAfter(call.Timeout);
            try
            {
                return await read(response, reading.Token);
            }
            catch (OperationCanceledException exception) when (!token.IsCancellationRequested)
            {
                throw TimedOut(call, exception);
            }
        }, cancellationToken);

    /// <summary>
    /// Makes one call, whatever sends it (the S3 client sends its own requests through this provider's HttpClient):
    /// the pipeline's exceptions become <see cref="ProviderException"/>s, and the outcome is recorded.
    /// </summary>
    public async Task<T> CallAsync<T>(ProviderCall call, Func<CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = CallOutcome.Error;
        try
        {
            var result = await body(cancellationToken);
            outcome = CallOutcome.Success;
            return result;
        }
        catch (ProviderException exception)
        {
            outcome = exception.Outcome;
            throw;
        }
        catch (BrokenCircuitException exception)
        {
            outcome = CallOutcome.CircuitOpen;
            throw new ProviderUnavailableException(provider.Name, provider.DisplayName, exception) { RetryAfter = exception.RetryAfter, Outcome = outcome };
        }
        catch (TimeoutRejectedException exception)
        {
            outcome = CallOutcome.Timeout;
            throw TimedOut(call, exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or HttpIOException)
        {
            // No connection (HttpRequestException), or one that broke off in the middle of the body (HttpIOException,
            // thrown while reading it). Its kind, not its message: that one names the host and port.
            outcome = CallOutcome.Unreachable;
            var error = exception is HttpRequestException request ? request.HttpRequestError : ((HttpIOException)exception).HttpRequestError;
            throw new ProviderException(provider.Name, $"{provider.DisplayName} could not be reached for {call.Operation} ({error}).",
                transient: true, exception) { Outcome = outcome };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = CallOutcome.Cancelled;
            throw;
        }
        finally
        {
            telemetry.RecordCall(provider, call.Operation, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    public async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ProviderJson.Options, cancellationToken)
                ?? throw new JsonException("The body is null.");
        }
        catch (JsonException exception)
        {
            throw Malformed(what, exception.Message);
        }
    }

    /// <summary>An answer that arrived but says nothing usable: transient, since a proxy's error page or a cut body looks the same.</summary>
    public ProviderException Malformed(string what, string detail) =>
        new(provider.Name, $"{provider.DisplayName} returned a malformed {what}: {detail}", transient: true);

    /// <summary>The failure an answer means; clients also use it for the failures they read themselves (the S3 client's).</summary>
    public ProviderException Failure(ProviderCall call, ProviderFault fault)
    {
        var codes = fault.Code is null ? $"{(int)fault.Status}" : $"{(int)fault.Status} {fault.Code}";
        // A 401's text is about the credential; OpenAI's even quotes part of the key.
        var detail = fault.Status == HttpStatusCode.Unauthorized ? null : Scrub(fault.Detail);
        var (message, outcome) = fault.Kind switch
        {
            FaultKind.RateLimited => ($"{provider.DisplayName} is rate limiting {call.Operation} ({codes})"
                + (fault.RetryAfter is { } wait ? $"; it asks to wait {Describe(wait)}" : ""), CallOutcome.RateLimited),
            FaultKind.Transient => ($"{provider.DisplayName} failed {call.Operation} ({codes})", CallOutcome.ServerError),
            _ => ($"{provider.DisplayName} refused {call.Operation} ({codes})", CallOutcome.ClientError),
        };
        return new ProviderException(provider.Name, detail is null ? $"{message}." : $"{message}: {detail}", fault.Kind != FaultKind.Permanent)
        {
            StatusCode = fault.Status,
            ErrorCode = fault.Code,
            RetryAfter = fault.RetryAfter,
            Outcome = outcome,
        };
    }

    private ProviderException TimedOut(ProviderCall call, Exception exception) =>
        new(provider.Name, $"{provider.DisplayName} did not answer {call.Operation} within {Describe(call.Timeout)}.", transient: true, exception)
        {
            Outcome = CallOutcome.Timeout,
        };

    private string? Scrub(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail))
        {
            return null;
        }

        var scrubbed = secrets.Where(secret => !string.IsNullOrEmpty(secret))
            .Aggregate(string.Join(' ', detail.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
                (text, secret) => text.Replace(secret, "***", StringComparison.Ordinal));
        return scrubbed.Length <= MaxDetailLength ? scrubbed : $"{scrubbed[..MaxDetailLength]}...";
    }

    private static string Describe(TimeSpan duration) => duration < TimeSpan.FromMinutes(2)
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0} min");
}
