using JobPlatform.Engine.Data;
using JobPlatform.AiWorkers;

// A web host rather than a plain worker host: the AppHost and orchestrators probe /health and /alive over HTTP.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

await app.Services.MigrateJobsDatabaseAsync();

app.MapDefaultEndpoints();

app.Run();
