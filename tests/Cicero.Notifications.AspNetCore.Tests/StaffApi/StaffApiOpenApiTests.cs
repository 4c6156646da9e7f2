using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cicero.Notifications.TestSupport;

namespace Cicero.Notifications.AspNetCore.Tests.StaffApi;

/// <summary>The OpenAPI document the host serves describes every staff API endpoint; its text is approved.</summary>
public sealed class StaffApiOpenApiTests(SharedStaffApiHost shared) : IClassFixture<SharedStaffApiHost>
{
    [Fact]
    public async Task The_OpenAPI_document_is_generated_and_matches_the_approved_one()
    {
        var document = await DocumentAsync(shared.Api);

        Approved.Match(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), "StaffApi.openapi");
    }

    [Fact]
    public async Task Every_operation_is_named_tagged_summarized_and_lists_its_problems()
    {
        var document = await DocumentAsync(shared.Api);

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "delete").Select(o => (Route: path.Key + " " + o.Key, Operation: o.Value!)))
            .ToList();
        operations.Should().HaveCount(StaffApiAuthorizationTests.Routes.Count);
        foreach (var (route, operation) in operations)
        {
            operation["operationId"]?.GetValue<string>().Should().NotBeNullOrEmpty(route);
            operation["summary"]?.GetValue<string>().Should().NotBeNullOrEmpty(route);
            operation["tags"]!.AsArray().Should().ContainSingle(route);
            var responses = operation["responses"]!.AsObject();
            responses.Select(r => r.Key).Should().Contain(["401", "403"], route).And.Contain(k => k == "200" || k == "201", route);
            responses.Where(r => r.Key != "200" && r.Key != "201")
                .Should().OnlyContain(r => r.Value!["content"]!["application/problem+json"] != null, $"{route} answers errors as problem details");
        }
    }

    [Fact]
    public async Task Statuses_are_listed_as_string_codes_in_the_schemas()
    {
        var document = await DocumentAsync(shared.Api);

        var schemas = document["components"]!["schemas"]!;
        schemas["MessageResponse"]!["properties"]!["status"]!["$ref"]!.GetValue<string>().Should().Be("#/components/schemas/MessageStatus");
        schemas["MessageStatus"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("Pending", "Sent", "Failed", "MissingContactInfo");
    }

    private static async Task<JsonNode> DocumentAsync(StaffApiHost api)
    {
        var response = await api.Client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // The server entry names the test's random loopback port.
        document.AsObject().Remove("servers");
        return document;
    }
}
