using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cicero.Notifications.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.AspNetCore.Tests.Receipts;

/// <summary>
/// An SMS gateway posts its delivery reports to the endpoint on real Kestrel: signed JSON batches and form posts with a
/// shared secret; unauthenticated requests change nothing; duplicates, old reports and reports that arrive before the
/// dispatcher has recorded the message are handled; the answer is 200 only once every receipt is stored.
/// </summary>
public sealed class DeliveryReceiptEndpointTests
{
    private const string SigningKey = "gateway-signing-key-7f3a";
    private const string ApiKey = "gateway-api-key-19c2";

    [Fact]
    public async Task A_signed_json_batch_confirms_one_message_and_fails_the_other()
    {
        await using var host = await StartAsync();
        var delivered = await host.SentSmsAsync("B-1");
        var undeliverable = await host.SentSmsAsync("B-2");

        var response = await PostSignedAsync(host, """
            {"reports": [
              {"id": "gw-1", "status": "DELIVERED", "time": "2026-11-02T09:00:20+00:00"},
              {"id": "gw-2", "status": "UNDELIVERABLE", "time": 1793610030, "error": "Absent subscriber"}
            ]}
            """);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetRawText().Should().Be("""{"applied":2,"unchanged":0,"kept":0,"ignored":0}""");
        (await host.GetAsync(delivered.Id)).Should().BeEquivalentTo(new { Status = MessageStatus.Sent, DeliveredAt = new DateTimeOffset(2026, 11, 2, 9, 0, 20, TimeSpan.Zero), delivered.ChangedAt });
        (await host.GetAsync(undeliverable.Id)).Should().BeEquivalentTo(new
        {
            Status = MessageStatus.Failed,
            LastFailure = new MessageFailure(MessageFailureKind.Undeliverable, "Absent subscriber"),
            ChangedAt = host.Web.Time.GetUtcNow(),
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not a signature")]
    public async Task A_report_without_a_valid_signature_is_refused_with_401_and_changes_nothing(string? signature)
    {
        await using var host = await StartAsync();
        var sent = await host.SentSmsAsync("B-1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/receipts/sms") { Content = Json("""{"id": "gw-1", "status": "UNDELIVERABLE"}""") };
        if (signature is not null)
        {
            request.Headers.Add("X-Signature", signature);
        }

        var response = await host.Web.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await host.GetAsync(sent.Id)).Should().Be(sent);
        host.Web.Logs.GetSnapshot().Should().ContainSingle(l => l.Id.Name == "ReceiptRequestRefused").Which.Message.Should().Be("A delivery report for Sms was refused: the request has no valid signature");
    }

    [Fact]
    public async Task A_signature_in_base64_is_accepted()
    {
        await using var host = await StartAsync();
        var sent = await host.SentSmsAsync("B-1");
        var body = """{"id": "gw-1", "status": "delivered"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/receipts/sms-array") { Content = Json(body) };
        request.Headers.Add("X-Signature", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), Encoding.UTF8.GetBytes(body))));

        var response = await host.Web.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.GetAsync(sent.Id)).DeliveredAt.Should().Be(host.Web.Time.GetUtcNow(), "a report without a time counts from its arrival");
    }

    [Fact]
    public async Task A_form_post_with_the_shared_secret_fails_its_message()
    {
        await using var host = await StartAsync();
        var sent = await host.SentSmsAsync("B-1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/receipts/sms-form")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageId"] = "gw-1", ["Status"] = "3", ["Reason"] = "Expired" }),
        };
        request.Headers.Add("X-Api-Key", ApiKey);

        var response = await host.Web.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.GetAsync(sent.Id)).LastFailure.Should().Be(new MessageFailure(MessageFailureKind.Undeliverable, "Expired"));
    }

    [Fact]
    public async Task A_form_post_with_a_wrong_shared_secret_is_refused()
    {
        await using var host = await StartAsync();
        var sent = await host.SentSmsAsync("B-1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/receipts/sms-form")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageId"] = "gw-1", ["Status"] = "3" }),
        };
        request.Headers.Add("X-Api-Key", ApiKey + "x");

        var response = await host.Web.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await host.GetAsync(sent.Id)).Should().Be(sent);
    }

    [Fact]
    public async Task Duplicated_and_out_of_order_reports_change_nothing()
    {
        await using var host = await StartAsync();
        var sent = await host.SentSmsAsync("B-1");
        await PostSignedAsync(host, """{"id": "gw-1", "status": "DELIVERED", "time": "2026-11-02T09:05:00Z"}""", "/receipts/sms-array");
        var confirmed = await host.GetAsync(sent.Id);

        var again = await PostSignedAsync(host, """
            [{"id": "gw-1", "status": "DELIVERED", "time": "2026-11-02T09:05:00Z"},
             {"id": "gw-1", "status": "UNDELIVERABLE", "time": "2026-11-02T09:01:00Z"},
             {"id": "gw-1", "status": "BUFFERED", "time": "2026-11-02T09:00:30Z"}]
            """, "/receipts/sms-array");

        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetRawText().Should().Be("""{"applied":0,"unchanged":3,"kept":0,"ignored":0}""");
        (await host.GetAsync(sent.Id)).Should().Be(confirmed);
    }

    [Fact]
    public async Task A_report_that_arrives_before_the_sent_record_is_kept_and_applied_after_the_dispatch()
    {
        await using var host = await StartAsync();
        var message = await host.NotifyAsync("B-1");

        var early = await PostSignedAsync(host, """{"reports": [{"id": "gw-1", "status": "UNDELIVERABLE", "error": "Unknown subscriber"}]}""");
        await host.Web.Services.GetRequiredService<IMessageDispatcher>().DispatchDueAsync();
        var applied = await host.Web.Services.GetRequiredService<IDeliveryReceipts>().ApplyKeptAsync();

        (await early.Content.ReadFromJsonAsync<JsonElement>()).GetRawText().Should().Be("""{"applied":0,"unchanged":0,"kept":1,"ignored":0}""");
        applied.Should().Be(1);
        (await host.GetAsync(message.Id)).Should().BeEquivalentTo(new { Status = MessageStatus.Failed, LastFailure = new { Kind = MessageFailureKind.Undeliverable } });
    }

    [Fact]
    public async Task Entries_without_an_id_or_with_an_unmapped_status_are_ignored_and_counted()
    {
        await using var host = await StartAsync();
        var sent = await host.SentSmsAsync("B-1");

        var response = await PostSignedAsync(host, """
            {"reports": [{"status": "DELIVERED"}, {"id": "gw-1", "status": "SOMETHING_NEW"}, {"id": "gw-1"}, 42, {"id": "gw-1", "status": "DELIVERED"}]}
            """);

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetRawText().Should().Be("""{"applied":1,"unchanged":0,"kept":0,"ignored":4}""");
        (await host.GetAsync(sent.Id)).DeliveredAt.Should().NotBeNull();
        host.Web.Logs.GetSnapshot().Should().ContainSingle(l => l.Id.Name == "ReceiptEntriesIgnored").Which.Message.Should().StartWith("4 of 5 delivery report entries for Sms were ignored");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_problem_and_one_too_large_a_413()
    {
        await using var host = await StartAsync();

        var broken = await PostSignedAsync(host, "{\"reports\": [");
        var large = await PostSignedAsync(host, "[" + string.Join(',', Enumerable.Repeat("""{"id": "gw-1", "status": "DELIVERED"}""", 30_000)) + "]");

        (broken.StatusCode, large.StatusCode).Should().Be((HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge));
        (await broken.Content.ReadAsStringAsync()).Should().Contain("The delivery report is not JSON.");
    }

    [Fact]
    public async Task The_body_the_secret_and_the_signature_never_reach_the_logs()
    {
        await using var host = await StartAsync();
        await host.SentSmsAsync("B-1");

        await PostSignedAsync(host, """{"reports": [{"id": "gw-1", "status": "UNDELIVERABLE", "error": "Hans Hansen 0707614285 unknown"}]}""");
        using var form = new HttpRequestMessage(HttpMethod.Post, "/receipts/sms-form")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageId"] = "gw-9", ["Status"] = "3", ["Reason"] = "Hans Hansen" }),
        };
        form.Headers.Add("X-Api-Key", "wrong-" + ApiKey);
        await host.Web.Client.SendAsync(form);

        var logged = string.Join('\n', host.Web.Logs.GetSnapshot().Select(l => l.Message + " " + string.Join(' ', l.StructuredState?.Select(p => p.Value) ?? [])));
        logged.Should().NotContainAny("Hans", "0707614285", ApiKey, SigningKey, "UNDELIVERABLE");
    }

    [Fact]
    public async Task An_endpoint_without_authentication_or_paths_is_refused_when_it_is_mapped_with_every_problem_listed()
    {
        var act = () => ReceiptHost.StartAsync(app => app.MapDeliveryReceipts("/receipts", Protocol.Sms, o => o.StatusPath = "status..x"));

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Split(Environment.NewLine).Should().Equal(
            "The Sms delivery receipt endpoint has no ProviderMessageIdPath: the path of that field in the provider's request (for example 'id').",
            "The Sms delivery receipt endpoint: StatusPath 'status..x' is not a path: use property names and array indexes separated by dots, for example 'messages.0.id'.",
            "The Sms delivery receipt endpoint maps no statuses: add the provider's statuses to Statuses (for example \"delivered\" → Delivered, \"undeliverable\" → FailedPermanently).",
            "The Sms delivery receipt endpoint has no authentication: set SharedSecretHeader and SharedSecret, or SignatureHeader and SignatureSecret (HMAC-SHA256 of the body), or AllowUnauthenticated = true when only the provider can reach it.");
    }

    private static Task<ReceiptHost> StartAsync() => ReceiptHost.StartAsync(app =>
    {
        app.MapDeliveryReceipts("/receipts/sms", Protocol.Sms, o =>
        {
            o.ItemsPath = "reports";
            Gateway(o);
            o.SignatureHeader = "X-Signature";
            o.SignatureSecret = SigningKey;
        });
        app.MapDeliveryReceipts("/receipts/sms-array", Protocol.Sms, o =>
        {
            Gateway(o);
            o.SignatureHeader = "X-Signature";
            o.SignatureSecret = SigningKey;
        });
        app.MapDeliveryReceipts("/receipts/sms-form", Protocol.Sms, o =>
        {
            o.ProviderMessageIdPath = "MessageId";
            o.StatusPath = "Status";
            o.ReasonPath = "Reason";
            o.Statuses["1"] = DeliveryReceiptOutcome.Delivered;
            o.Statuses["3"] = DeliveryReceiptOutcome.FailedPermanently;
            o.SharedSecretHeader = "X-Api-Key";
            o.SharedSecret = ApiKey;
        });
    });

    private static void Gateway(DeliveryReceiptEndpointOptions o)
    {
        o.ProviderMessageIdPath = "id";
        o.StatusPath = "status";
        o.TimePath = "time";
        o.ReasonPath = "error";
        o.Statuses["DELIVERED"] = DeliveryReceiptOutcome.Delivered;
        o.Statuses["UNDELIVERABLE"] = DeliveryReceiptOutcome.FailedPermanently;
        o.Statuses["EXPIRED"] = DeliveryReceiptOutcome.FailedPermanently;
        o.Statuses["BUFFERED"] = DeliveryReceiptOutcome.FailedTransiently;
    }

    private static Task<HttpResponseMessage> PostSignedAsync(ReceiptHost host, string body, string path = "/receipts/sms")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), Encoding.UTF8.GetBytes(body))));
        return host.Web.Client.SendAsync(request);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
