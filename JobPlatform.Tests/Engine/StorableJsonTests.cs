using System.Text.Json;
using JobPlatform.Engine.Jobs;

namespace JobPlatform.Tests.Engine;

/// <summary>What jsonb refuses is caught before it reaches a statement, with the path of the offending value.</summary>
public sealed class StorableJsonTests
{
    [Theory]
    [InlineData("""{"a":"text","b":[1,2.5,-3e10,0,0.0,1e-300],"c":{"d":true,"e":null},"emoji":"😀 é 漢"}""")]
    [InlineData("""{"tiny":1e-999,"zero":0e-1000,"negative_zero":-0.0,"signed":2E+300}""")]
    public void Values_jsonb_stores_pass(string json) =>
        Assert.Null(StorableJson.FindProblem(Parse(json), "parameters", 100));

    [Theory]
    [InlineData("""{"a":{"b":["ok","x\u0000y"]}}""", "parameters.a.b[1] contains a NUL character")]
    [InlineData("""{"a":"\ud800"}""", "parameters.a is not valid")]
    [InlineData("""{"a":"\udc00x"}""", "parameters.a is not valid")]
    [InlineData("""{"\u0000":1}""", "parameters has a property name that contains a NUL character")]
    [InlineData("""{"a":1e1000000}""", "parameters.a is a number outside what can be stored")]
    [InlineData("""{"a":[1e-20000]}""", "parameters.a[0] is a number outside what can be stored")]
    [InlineData("""{"a":0e-20000}""", "parameters.a is a number outside what can be stored")]
    [InlineData("""{"a":"01234567890"}""", "parameters.a is longer than 10 characters")]
    public void Values_jsonb_refuses_are_named_by_path(string json, string expected)
    {
        var problem = StorableJson.FindProblem(Parse(json), "parameters", 10);

        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem);
    }

    [Fact]
    public void Invalid_utf8_inside_a_parsed_document_is_refused()
    {
        var invalid = """{"a":"""u8.ToArray().Concat(new byte[] { (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)'}' }).ToArray();

        Assert.Equal("parameters.a is not valid UTF-8 or UTF-16 text.", StorableJson.FindProblem(JsonDocument.Parse(invalid).RootElement, "parameters", 10));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
