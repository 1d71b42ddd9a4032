using System.Net.ServerSentEvents;
using System.Net.WebSockets;
using System.Text;
using JobPlatform.Api.Auth;
using JobPlatform.Api.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobPlatform.Api.Apis;

/// <summary>
/// Live job updates: Server-Sent Events at <c>/api/v1/jobs/{id}/events</c> and a WebSocket at <c>/ws/jobs/{id}</c>.
/// Each message is the status body; the stream ends after the terminal state. Browsers cannot set headers on these,
/// so both also accept the key as <c>?access_token=</c>.
/// </summary>
public static class JobEventsApi
{
    // A WebSocket opens with GET over HTTP/1.1 and with an extended CONNECT over HTTP/2.
    private static readonly string[] WebSocketHandshakeMethods = [HttpMethods.Get, HttpMethods.Connect];

    public static IEndpointRouteBuilder MapJobEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/jobs").RequireAuthorization(Policies.User).WithTags("Jobs").ProducesCallerProblems()
            .MapGet("/{jobId:guid}/events", StreamJobEvents)
            .AllowAccessTokenInQuery()
            .WithName(nameof(StreamJobEvents))
            .WithSummary("Follow a job's updates as Server-Sent Events")
            .WithDescription("""
                One `status` event per change, its data the status body (as `GET /api/v1/jobs/{jobId}/status` returns
                it); the stream ends after the terminal state. EventSource cannot set headers: the key may also be
                passed as `?access_token=<api key>`.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGroup("/ws/jobs").RequireAuthorization(Policies.User).WithTags("Jobs").ProducesCallerProblems()
            .MapMethods("/{jobId:guid}", WebSocketHandshakeMethods, StreamJobEventsOverWebSocket)
            .AllowAccessTokenInQuery()
            .WithName(nameof(StreamJobEventsOverWebSocket))
            .WithSummary("Follow a job's updates over a WebSocket")
            .WithDescription("""
                A WebSocket handshake (101 Switching Protocols); each text message is the status body, and the server
                closes the socket after the terminal state. Browsers cannot set headers on a WebSocket: the key may also
                be passed as `?access_token=<api key>`. A plain HTTP request is 400.
                """)
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> StreamJobEvents(
        Guid jobId, HttpContext http, JobEventFeed feed, CancellationToken cancellationToken)
    {
        var updates = await feed.OpenAsync(jobId, Caller.From(http.User).UserId, cancellationToken);
        return updates is null ? JobsApi.NotFound(jobId) : TypedResults.ServerSentEvents(updates, eventType: "status");
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> StreamJobEventsOverWebSocket(
        Guid jobId, HttpContext http, JobEventFeed feed, CancellationToken cancellationToken)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return JobsApi.BadRequest("This endpoint speaks WebSocket only; for plain HTTP use /api/v1/jobs/{job_id}/events.");
        }

        var updates = await feed.OpenAsync(jobId, Caller.From(http.User).UserId, cancellationToken);
        if (updates is null)
        {
            return JobsApi.NotFound(jobId);
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(update), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "Job finished", cancellationToken);
        return TypedResults.Empty;
    }
}
