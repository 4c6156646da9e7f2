using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

public sealed class MessageIdTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 29, 8, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void New_id_is_a_version_7_guid_with_the_rfc_variant()
    {
        var id = MessageId.New(CreatedAt).Value;

        id.Version.Should().Be(7);
        (id.Variant >> 2).Should().Be(0b10, "the two top variant bits of an RFC 9562 UUID are 10");
    }

    [Fact]
    public void New_id_carries_its_creation_time_in_unix_milliseconds()
    {
        var text = MessageId.New(CreatedAt).ToString().Replace("-", "", StringComparison.Ordinal);

        Convert.ToInt64(text[..12], 16).Should().Be(CreatedAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void New_ids_sort_by_creation_time()
    {
        var earlier = MessageId.New(CreatedAt);
        var later = MessageId.New(CreatedAt.AddMilliseconds(1));

        string.CompareOrdinal(earlier.ToString(), later.ToString()).Should().BeNegative();
    }

    [Fact]
    public void New_ids_at_the_same_millisecond_never_repeat_across_threads()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                ids.Add(MessageId.New(CreatedAt).Value);
            }
        });

        ids.Distinct().Should().HaveCount(40_000);
    }

    [Fact]
    public void New_ids_spread_their_random_bits_evenly()
    {
        // 74 random bits per id: over 20 000 ids every one of those bits is set in roughly half of them. A buffer handed
        // out twice, or a slice left unfilled, would show as a bit stuck near 0 % or 100 %.
        const int count = 20_000;
        var ones = new int[128];
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            MessageId.New(CreatedAt).Value.TryWriteBytes(bytes, bigEndian: true, out _);
            for (var bit = 0; bit < 128; bit++)
            {
                ones[bit] += (bytes[bit / 8] >> (7 - (bit % 8))) & 1;
            }
        }

        var randomBits = Enumerable.Range(52, 12).Concat(Enumerable.Range(66, 62));
        randomBits.Should().AllSatisfy(bit => ones[bit].Should().BeInRange(count * 45 / 100, count * 55 / 100, $"bit {bit} is random"));
    }

    [Fact]
    public void New_refuses_a_time_before_the_unix_epoch()
    {
        var act = () => MessageId.New(DateTimeOffset.UnixEpoch.AddMilliseconds(-1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("timestamp");
    }

    [Fact]
    public void An_id_wraps_any_guid_but_the_empty_one()
    {
        var guid = Guid.Parse("0195581a-6a00-7c3e-9a51-3f0e2b7d4c11");
        var empty = () => MessageId.From(Guid.Empty);

        MessageId.From(guid).Value.Should().Be(guid);
        empty.Should().Throw<ArgumentException>().WithMessage("A message id cannot be the empty GUID. (Parameter 'value')");
    }

    [Fact]
    public void Parsing_null_or_text_that_is_no_guid_is_refused()
    {
        var none = () => MessageId.Parse(null!);
        var garbage = () => MessageId.Parse("not a guid");

        none.Should().Throw<ArgumentNullException>().WithParameterName("value");
        garbage.Should().Throw<FormatException>().WithMessage("A message id must be a non-empty GUID.");
    }

    [Fact]
    public void The_first_ids_on_a_new_thread_are_random_too()
    {
        var ids = new List<Guid>();
        var thread = new Thread(() =>
        {
            ids.Add(MessageId.New(CreatedAt).Value);
            ids.Add(MessageId.New(CreatedAt).Value);
        });

        thread.Start();
        thread.Join();

        // Bytes 6 to 15 hold the random bits (apart from the version and variant): never all zero for a fresh thread's first id.
        ids.Should().OnlyHaveUniqueItems().And.AllSatisfy(id => id.ToByteArray(bigEndian: true)[6..].Select((b, i) => i switch { 0 => b & 0x0F, 2 => b & 0x3F, _ => b }).Should().Contain(b => b != 0));
    }
}
