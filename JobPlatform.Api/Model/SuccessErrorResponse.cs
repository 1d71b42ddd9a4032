namespace JobPlatform.Api.Model;

/// <summary>R-000-11: the error body of seed 000's paths, <c>{"success": false, "detail": "..."}</c>.</summary>
public sealed record SuccessErrorResponse(bool Success, string Detail)
{
    public static SuccessErrorResponse Of(string detail) => new(false, detail);
}
