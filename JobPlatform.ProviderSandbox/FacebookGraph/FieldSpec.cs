namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>One requested field of <c>fields=</c>, with the sub-fields of its <c>{...}</c> expansion if any.</summary>
internal sealed record FieldSpec(string Name, IReadOnlyList<FieldSpec>? Children);
