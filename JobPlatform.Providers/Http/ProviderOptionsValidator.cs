using Microsoft.Extensions.Options;

namespace JobPlatform.Providers.Http;

/// <summary>Every problem of a provider's section at once, each naming its key: a service without them does not start.</summary>
internal sealed class ProviderOptionsValidator<TOptions>(ProviderIdentity provider) : IValidateOptions<TOptions> where TOptions : ProviderOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = options.FindProblems(provider.ConfigurationSection).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
