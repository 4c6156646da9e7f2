using System.Collections;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Templates;
using Cicero.Notifications.Tests.Staff;

namespace Cicero.Notifications.Tests.Sending;

/// <summary>
/// Template data is plain data within documented limits, refused with one kind of error naming the key (never the
/// value) before anything is stored; it is kept as JSON, and every render reads it from there.
/// </summary>
public sealed class TemplateDataTests
{
    private static readonly NotificationType Pickup = NotificationType.Parse("PickupReminder");

    [Fact]
    public void Lists_and_nested_objects_are_written_as_json()
    {
        var json = Write(new Dictionary<string, object?>
        {
            ["titles"] = new[] { "A", "B" },
            ["branch"] = new Dictionary<string, object?> { ["name"] = "Hovedbiblioteket", ["open"] = true },
            ["opens"] = new TimeOnly(10, 0),
            ["due"] = new DateOnly(2026, 12, 5),
        });

        json.Should().Be("""{"titles":["A","B"],"branch":{"name":"Hovedbiblioteket","open":true},"opens":"10:00:00","due":"2026-12-05"}""");
    }

    [Fact]
    public void Danish_text_is_escaped_as_the_json_writer_escapes_it()
    {
        var data = new Dictionary<string, object?> { ["title"] = "Blå bog & \"Ærø\" <1>", ["copies"] = 2, ["late"] = false, ["note"] = null };

        Write(data).Should().Be("""{"title":"Bl\u00E5 bog \u0026 \u0022\u00C6r\u00F8\u0022 \u003C1\u003E","copies":2,"late":false,"note":null}""");
    }

    public static TheoryData<string, object?, string> Refused => new()
    {
        { "a TimeSpan", TimeSpan.FromMinutes(5), "Template data 'value' has type System.TimeSpan, which templates cannot use; pass strings*" },
        { "a Guid", Guid.Empty, "Template data 'value' has type System.Guid, which templates cannot use*" },
        { "NaN", double.NaN, "Template data 'value' is not a finite number (NaN or infinity).*" },
        { "infinity", float.PositiveInfinity, "Template data 'value' is not a finite number (NaN or infinity).*" },
        { "a nested NaN", new Dictionary<string, object?> { ["fees"] = new object?[] { 1.5, double.NegativeInfinity } }, "Template data 'value.fees[1]' is not a finite number*" },
        { "a 10 MB string", new string('x', 10_000_000), "Template data 'value' is a string of 10000000 characters; the limit is 65536.*" },
        { "a lone surrogate", "Kongens Fald \uD83D", "Template data 'value' is a string with a broken surrogate pair*" },
        { "too deep a list", Nest(20), "Template data 'value[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]' is nested more than 16 levels deep.*" },
        { "a JSON element 1 100 levels deep", DeepJson(1_100), "Template data 'value[0]*' is nested more than 16 levels deep.*" },
        { "20 000 000 values", Enumerable.Repeat(1, 20_000_000), "Template data 'value[*]' is one value too many: template data holds at most 10000 values*" },
        { "an endless sequence", Endless(), "Template data 'value[*]' is one value too many*endless sequence is refused here*" },
        { "too much text in all", Enumerable.Repeat(new string('x', 60_000), 6).ToArray(), "Template data 'value[4]' makes the template data larger than 256 KiB as JSON.*" },
        { "keys that are not strings", new Hashtable { [1] = "one" }, "Template data 'value' is a dictionary with keys of type System.Int32; templates need string keys.*" },
        { "a null key", new NullKeyData(), "Template data 'value' has a key that is null.*" },
        { "a broken key", new Dictionary<string, object?> { ["a\uDC00"] = 1 }, "Template data 'value' has a key that is empty, longer than 256 characters or not well-formed text.*" },
        { "an undefined JSON element", default(JsonElement), "Template data 'value' is an undefined JSON element*" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Hostile_data_is_refused_naming_the_key_and_nothing_is_stored(string problem, object? value, string expected)
    {
        using var host = await HostAsync();

        var act = () => host.Notifier.NotifyAsync(Notification(new Dictionary<string, object?> { ["title"] = "Kongens Fald", ["value"] = value }));

        (await act.Should().ThrowAsync<ArgumentException>(problem)).WithMessage(expected).Which.ParamName.Should().Be("notification");
        (await host.BorrowerMessages.ListAsync(BorrowerId.Parse("B-1"), new PageRequest(10))).Items.Should().BeEmpty();
    }

    [Fact]
    public void A_refusal_never_shows_the_value()
    {
        TemplateDataJson.TryWrite(new Dictionary<string, object?> { ["cpr"] = "0707614285" + new string(' ', 70_000) }, out _, out var refusal).Should().BeFalse();

        refusal.Should().NotContain("0707614285");
    }

    [Fact]
    public void The_walk_stops_when_the_notification_is_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => TemplateDataJson.TryWrite(new Dictionary<string, object?> { ["values"] = Enumerable.Range(0, 5_000).ToArray() }, out _, out _, cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public async Task Nested_and_listed_dates_and_times_print_the_same_in_the_first_render_and_after_a_reroute()
    {
        using var host = await HostAsync();
        host.Sms.Then(DeliveryResult.PermanentFailure("Unknown subscriber"));
        var data = new Dictionary<string, object?>
        {
            ["title"] = "Kongens Fald",
            ["pickup"] = new Dictionary<string, object?> { ["at"] = new DateTime(2026, 12, 5, 10, 0, 0), ["until"] = new DateTimeOffset(2026, 12, 12, 18, 30, 0, TimeSpan.FromHours(1)) },
            ["dates"] = new object[] { new DateOnly(2026, 12, 5) },
            ["opens"] = new TimeOnly(10, 0),
        };

        var first = (await host.Notifier.NotifyAsync(Notification(data))).Single();
        await host.Dispatcher.DispatchDueAsync();
        var moved = await host.Queue.RerouteAsync(first.Id, Protocol.Email, StaffHost.Staff);

        first.Content!.Body.Should().Be("5. december 2026 kl. 10.00 | 12. december 2026 kl. 18.30 | 5. december 2026 | 10.00");
        moved.Content!.Body.Should().Be(first.Content.Body);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("reservation-\u200B4711", "a zero-width space")]
    [InlineData("reservation-\u202E4711", "a bidirectional override")]
    [InlineData("reservation-\\uD800", "a lone surrogate")]
    [InlineData("reservation-\n4711", "a control character")]
    public async Task An_idempotency_key_that_could_collide_or_mislead_is_refused(string key, string problem)
    {
        using var host = await HostAsync();

        // Lone surrogates are written escaped: xunit would replace them in a test case's arguments.
        var act = () => host.Notifier.NotifyAsync(Notification(new Dictionary<string, object?> { ["title"] = "x" }) with { IdempotencyKey = Regex.Unescape(key) });

        (await act.Should().ThrowAsync<ArgumentException>(problem)).WithMessage("Notification.IdempotencyKey must be 1–200 characters*");
    }

    [Fact]
    public async Task An_idempotency_key_over_200_characters_is_refused_and_200_are_accepted()
    {
        using var host = await HostAsync();

        var act = () => host.Notifier.NotifyAsync(Notification(new Dictionary<string, object?> { ["title"] = "x" }) with { IdempotencyKey = new string('k', 10_000_000) });

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Length.Should().BeLessThan(300);
        (await host.Notifier.NotifyAsync(Notification(new Dictionary<string, object?> { ["title"] = "x" }) with { IdempotencyKey = new string('k', 200) })).Should().ContainSingle();
    }

    [Theory]
    [InlineData("xx-NOPE")]
    [InlineData("da DK")]
    [InlineData("en-GB-\u0000")]
    public async Task A_culture_that_is_not_a_culture_name_is_refused(string culture)
    {
        using var host = await HostAsync();

        var act = () => host.Notifier.NotifyAsync(Notification(new Dictionary<string, object?> { ["title"] = "x" }) with { Culture = culture });

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("Notification.Culture is not a known culture name*");
    }

    private static async Task<StaffHost> HostAsync()
    {
        var host = new StaffHost(o =>
        {
            o.Types["PickupReminder"] = new NotificationTypeOptions { Protocols = { Protocol.Sms } };
            const string Body = "{{ pickup.at }} | {{ pickup.until }} | {{ dates[0] }} | {{ opens }}";
            o.Templates.Add(new TemplateOptions { Type = "PickupReminder", Protocol = "Sms", Culture = "da", Body = Body });
            o.Templates.Add(new TemplateOptions { Type = "PickupReminder", Protocol = "Email", Culture = "da", Subject = "Afhentning", Body = Body });
        });
        await host.SaveBorrowerAsync("B-1", phone: "20 12 34 56", email: "laaner@example.dk");
        return host;
    }

    private static Notification Notification(IReadOnlyDictionary<string, object?> data) => new(BorrowerId.Parse("B-1"), Pickup) { Data = data };

    private static string? Write(IReadOnlyDictionary<string, object?> data)
    {
        TemplateDataJson.TryWrite(data, out var json, out var refusal).Should().BeTrue(refusal);
        return json;
    }

    private static object Nest(int depth) => depth == 0 ? "leaf" : new object[] { Nest(depth - 1) };

    private static JsonElement DeepJson(int depth)
    {
        using var document = JsonDocument.Parse(new string('[', depth) + new string(']', depth), new JsonDocumentOptions { MaxDepth = depth + 1 });
        return document.RootElement.Clone();
    }

    private static IEnumerable<int> Endless()
    {
        while (true)
        {
            yield return 1;
        }
    }

    /// <summary>Dictionary-shaped data whose one key is null, as a hand-written dictionary can yield.</summary>
    private sealed class NullKeyData : IReadOnlyDictionary<string, object?>
    {
        public int Count => 1;

        public IEnumerable<string> Keys => throw new NotSupportedException();

        public IEnumerable<object?> Values => throw new NotSupportedException();

        public object? this[string key] => throw new NotSupportedException();

        public bool ContainsKey(string key) => throw new NotSupportedException();

        public bool TryGetValue(string key, out object? value) => throw new NotSupportedException();

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return new KeyValuePair<string, object?>(null!, 1);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
