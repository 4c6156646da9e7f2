using System.Text.Json;
using Cicero.Notifications.Http.Tests.Support;

namespace Cicero.Notifications.Http.Tests.Sending;

public sealed class HttpChannelBodyTests : IAsyncLifetime
{
    private HttpHarness _http = null!;

    public async Task InitializeAsync() => _http = await HttpHarness.StartAsync(o => o.IdempotencyKeyHeader = "Idempotency-Key");

    public async Task DisposeAsync() => await _http.DisposeAsync();

    [Fact]
    public async Task Body_carries_every_variable_of_the_default_template()
    {
        var message = _http.Sms("Din bog er klar.");

        await _http.SendAsync(message);

        var body = Parse(_http.Gateway.Requests.Should().ContainSingle().Subject.Body);
        Fields(body).Should().Equal(new Dictionary<string, string?>
        {
            ["recipient"] = "+4520123456",
            ["sender"] = "Biblioteket",
            ["subject"] = null,
            ["text"] = "Din bog er klar.",
            ["reference"] = message.Id.ToString(),
            ["protocol"] = "Sms",
            ["culture"] = "da-DK",
        });
    }

    [Theory]
    [InlineData("Han sagde \"hej\" til mig")]
    [InlineData("Sti: C:\\bøger\\udlån")]
    [InlineData("Linje 1\nLinje 2\r\nLinje 3")]
    [InlineData("Tab\there, bell \u0007, null \u0000, escape \u001b")]
    [InlineData("Æblegrød med flødeskum: æøå ÆØÅ")]
    [InlineData("Bøger 📚 og smil 😀 👩‍👩‍👧")]
    [InlineData("</script><script>alert(1)</script> {{ text }} ' & <")]
    public async Task Text_survives_JSON_escaping_unchanged(string text)
    {
        await _http.SendAsync(_http.Sms(text));

        var body = Parse(_http.Gateway.Requests.Should().ContainSingle().Subject.Body);
        body.RootElement.GetProperty("text").GetString().Should().Be(text);
    }

    [Fact]
    public async Task Danish_letters_are_sent_as_letters_not_escapes()
    {
        await _http.SendAsync(_http.Sms("Hilsen fra Ærøskøbing"));

        _http.Gateway.Requests.Should().ContainSingle().Subject.Body.Should().Contain("Hilsen fra Ærøskøbing");
    }

    [Fact]
    public async Task Request_is_a_POST_of_UTF_8_JSON_to_the_configured_URL()
    {
        await _http.SendAsync(_http.Sms());

        var request = _http.Gateway.Requests.Should().ContainSingle().Subject;
        (request.Method, request.Path, request.ContentType).Should().Be(("POST", "/v1/messages", "application/json; charset=utf-8"));
    }

    [Fact]
    public async Task Configured_API_key_header_arrives()
    {
        await _http.SendAsync(_http.Sms());

        _http.Gateway.Requests.Should().ContainSingle().Subject.Headers["X-Api-Key"].Should().Be(HttpHarness.ApiKey);
    }

    [Fact]
    public async Task Idempotency_header_carries_the_message_id()
    {
        var message = _http.Sms();

        await _http.SendAsync(message);

        _http.Gateway.Requests.Should().ContainSingle().Subject.Headers["Idempotency-Key"].Should().Be(message.Id.ToString());
    }

    [Fact]
    public async Task API_key_never_appears_in_logs()
    {
        await _http.SendAsync(_http.Sms());

        var logged = _http.AllLogText();

        logged.Should().Contain("HttpMessageAccepted", "the send is logged at Trace").And.NotContain(HttpHarness.ApiKey);
    }

    [Fact]
    public async Task Recipient_and_text_never_appear_in_logs()
    {
        _http.Gateway.Respond = FakeGateway.Status(400);

        await _http.SendAsync(_http.Sms("Hemmelig besked til Åse", to: "+4520987654"));

        _http.AllLogText().Should().Contain("HttpMessageRejected").And.NotContainAny("Hemmelig", "20987654");
    }

    private static JsonDocument Parse(string body) => JsonDocument.Parse(body);

    private static Dictionary<string, string?> Fields(JsonDocument body)
        => body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString());
}
