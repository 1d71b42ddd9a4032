using JobPlatform.Api;
using JobPlatform.Api.Apis;
using JobPlatform.Api.Auth;
using JobPlatform.Api.Infrastructure;
using JobPlatform.Api.RateLimiting;
using JobPlatform.Engine.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

await app.Services.MigrateJobsDatabaseAsync();
await app.Services.SeedDemoTenantsAsync(app.Configuration);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebSockets();
app.UseAuthentication();
app.UseAuthorization();
app.UseCallerRateLimits();
app.UseMiddleware<Utf8JsonBodyCheck>();

app.MapDefaultEndpoints();
app.MapJobsApi();
app.MapProfileAnalyticsApi();
app.MapJobEventsApi();
app.MapAdminApi();
app.MapApiReference();

app.Run();
