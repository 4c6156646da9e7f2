using System.Collections.Immutable;
using System.Text.Json;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage.Internal;
using FluentAssertions;

namespace Cicero.Notifications.Sqlite.Tests;

/// <summary>The compact history JSON the SQL stores keep (linked source, compiled into this store).</summary>
public sealed class HistoryCodecTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void History_is_written_as_compact_json_with_ticks_and_reasons_only_when_given()
    {
        var json = HistoryCodec.Write(
        [
            new MessageHistoryEntry(MessageEvent.Created, MessageStatus.Pending, MessageStatus.Pending, T0, MessageHistoryEntry.SystemActor, null),
            new MessageHistoryEntry(MessageEvent.Failed, MessageStatus.Pending, MessageStatus.Failed, T0.AddSeconds(2), "staff-7", "Afvist \"nummer\" ø"),
        ]);

        json.Should().Be($$"""[{"e":0,"f":0,"t":0,"at":{{T0.UtcTicks}},"by":"system"},{"e":3,"f":0,"t":2,"at":{{T0.AddSeconds(2).UtcTicks}},"by":"staff-7","r":"Afvist \u0022nummer\u0022 \u00F8"}]""");
    }

    [Fact]
    public void History_reads_back_what_was_written_short_or_long()
    {
        var shortHistory = ImmutableArray.Create(new MessageHistoryEntry(MessageEvent.Delivered, MessageStatus.Pending, MessageStatus.Sent, T0, "staff-1", "æøå 😀"));
        var longHistory = Enumerable.Range(0, 200)
            .Select(i => new MessageHistoryEntry(MessageEvent.RetryScheduled, MessageStatus.Pending, MessageStatus.Pending, T0.AddMinutes(i), MessageHistoryEntry.SystemActor, new string('x', i)))
            .ToImmutableArray();

        HistoryCodec.Read(HistoryCodec.Write(shortHistory)).Should().Equal(shortHistory);
        HistoryCodec.Read(HistoryCodec.Write(longHistory)).Should().Equal(longHistory);
        HistoryCodec.Read(HistoryCodec.Write([])).Should().BeEmpty();
    }

    [Fact]
    public void History_ignores_properties_it_does_not_know_and_reads_a_null_reason_as_none()
    {
        var history = HistoryCodec.Read($$"""[{"x":{"y":[1,2]},"e":1,"f":0,"t":1,"at":{{T0.UtcTicks}},"by":"system","r":null}]""");

        history.Should().Equal(new MessageHistoryEntry(MessageEvent.Delivered, MessageStatus.Pending, MessageStatus.Sent, T0, MessageHistoryEntry.SystemActor, null));
    }

    [Theory]
    [InlineData("""{"e":1}""")]
    [InlineData("""[{"e":1,"f":0,"t":1,"by":"system"}]""")]
    [InlineData("""[{"e":1,"f":0,"t":1,"at":5,"by":"system"}""")]
    public void History_that_is_not_the_codecs_json_fails_to_read(string json)
    {
        var read = () => HistoryCodec.Read(json);

        read.Should().Throw<JsonException>();
    }
}
