using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobPlatform.Hosting.Dashboard;

/// <summary>
/// The local dashboard: a page listing resources (state, health, endpoints, recent output), the same as JSON at
/// <c>/api/resources</c>, and start/stop commands. Like Aspire's dashboard it asks for a browser token, given in the
/// login URL the AppHost prints, unless started unsecured.
/// </summary>
internal sealed class DashboardServer(DistributedApplication application, Uri url, string? token) : IAsyncDisposable
{
    private const string CookieName = "apphost-dashboard";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private WebApplication? _app;

    public Uri LoginUrl => token is null ? url : new Uri(url, $"/login?t={token}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The content root is the AppHost's own binaries: the default (the current directory) holds the servers' data,
        // and watching it for configuration changes would wake this process on every database write.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.ToString());
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/login" || IsAuthorized(context.Request))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("Open the dashboard through the login URL the AppHost printed.");
        });
        _app.MapGet("/login", (HttpContext context, string? t) =>
        {
            if (token is null || !FixedTimeEquals(t, token))
            {
                return Results.Unauthorized();
            }

            context.Response.Cookies.Append(CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
            return Results.Redirect("/");
        });
        _app.MapGet("/", () => Results.Stream(typeof(DashboardServer).Assembly.GetManifestResourceStream("dashboard.html")!, "text/html; charset=utf-8"));
        _app.MapGet("/api/resources", (int? lines) => Results.Json(application.GetResourceSnapshots(lines ?? 50), Json));
        _app.MapPost("/api/resources/{name}/start", async (string name) =>
        {
            await application.StartResourceAsync(name);
            return Results.Accepted();
        });
        _app.MapPost("/api/resources/{name}/stop", async (string name) =>
        {
            await application.StopResourceAsync(name);
            return Results.Accepted();
        });
        try
        {
            await _app.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            throw new DistributedApplicationException(
                $"The dashboard cannot listen on {url} ({exception.Message}). Set Dashboard:Url to another address, or empty to disable it.", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private bool IsAuthorized(HttpRequest request) =>
        token is null
        || FixedTimeEquals(request.Cookies[CookieName], token)
        || FixedTimeEquals(request.Headers.Authorization.ToString().Replace("Bearer ", ""), token);

    private static bool FixedTimeEquals(string? candidate, string expected) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(expected));
}
