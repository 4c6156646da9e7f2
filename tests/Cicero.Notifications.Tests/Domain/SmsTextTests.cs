using Cicero.Notifications.Domain;
using CsCheck;

namespace Cicero.Notifications.Tests.Domain;

public sealed class SmsTextTests
{
    // Written out independently of the production table, from GSM 03.38 (basic table without the escape 0x1B).
    private const string GsmBasic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string GsmExtension = "\f^{}\\[~]|€";

    private static readonly Gen<string> GsmText =
        Gen.Char[GsmBasic + GsmExtension].Array[0, 400].Select(chars => new string(chars));

    [Fact]
    public void Danish_letters_are_in_the_gsm_basic_table()
    {
        var sms = SmsText.Analyze("æøåÆØÅ");

        sms.Encoding.Should().Be(SmsEncoding.Gsm7);
        sms.Length.Should().Be(6);
        sms.Segments.Should().Be(1);
    }

    [Fact]
    public void Empty_text_is_one_segment_of_length_zero()
    {
        var sms = SmsText.Analyze("");

        sms.Encoding.Should().Be(SmsEncoding.Gsm7);
        sms.Length.Should().Be(0);
        sms.Segments.Should().Be(1);
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7_text_holds_160_septets_alone_and_153_per_concatenated_segment(int length, int expectedSegments)
    {
        var sms = SmsText.Analyze(new string('a', length));

        sms.Segments.Should().Be(expectedSegments);
    }

    [Theory]
    [InlineData("^")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("\\")]
    [InlineData("[")]
    [InlineData("~")]
    [InlineData("]")]
    [InlineData("|")]
    [InlineData("€")]
    [InlineData("\f")]
    public void Extension_character_costs_two_septets(string character)
    {
        var sms = SmsText.Analyze(character);

        sms.Encoding.Should().Be(SmsEncoding.Gsm7);
        sms.Length.Should().Be(2);
    }

    [Theory]
    [InlineData(80, 1)]
    [InlineData(81, 2)]
    public void Euro_signs_fill_a_segment_two_septets_at_a_time(int count, int expectedSegments)
    {
        var sms = SmsText.Analyze(new string('€', count));

        sms.Length.Should().Be(count * 2);
        sms.Segments.Should().Be(expectedSegments);
    }

    [Fact]
    public void Escape_pair_is_never_split_across_segments()
    {
        // 152 + 2 + 152 = 306 septets would fit two segments of 153 only by splitting the euro sign.
        var text = new string('a', 152) + "€" + new string('a', 152);

        var sms = SmsText.Analyze(text);

        sms.Length.Should().Be(306);
        sms.Segments.Should().Be(3);
    }

    [Fact]
    public void En_dash_forces_ucs2()
    {
        var sms = SmsText.Analyze("Afhent senest 5/12 – kl. 16");

        sms.Encoding.Should().Be(SmsEncoding.Ucs2);
        sms.Length.Should().Be(27);
        sms.Segments.Should().Be(1);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2_text_holds_70_units_alone_and_67_per_concatenated_segment(int length, int expectedSegments)
    {
        var sms = SmsText.Analyze(new string('ж', length));

        sms.Encoding.Should().Be(SmsEncoding.Ucs2);
        sms.Segments.Should().Be(expectedSegments);
    }

    [Fact]
    public void Emoji_counts_two_utf16_units()
    {
        var sms = SmsText.Analyze("Tak 😀");

        sms.Encoding.Should().Be(SmsEncoding.Ucs2);
        sms.Length.Should().Be(6);
    }

    [Fact]
    public void Surrogate_pair_is_never_split_across_segments()
    {
        // 66 + 2 + 66 = 134 units would fit two segments of 67 only by splitting the emoji.
        var text = new string('a', 66) + "😀" + new string('a', 66);

        var sms = SmsText.Analyze(text);

        sms.Encoding.Should().Be(SmsEncoding.Ucs2);
        sms.Length.Should().Be(134);
        sms.Segments.Should().Be(3);
    }

    [Fact]
    public void Escape_character_itself_forces_ucs2()
    {
        // 0x1B in GSM 03.38 is the escape to the extension table, not a character that can be sent.
        var sms = SmsText.Analyze("a\u001bb");

        sms.Encoding.Should().Be(SmsEncoding.Ucs2);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(10, true)]
    public void FitsIn_compares_the_segments_with_the_limit(int maxSegments, bool expected)
    {
        var sms = SmsText.Analyze(new string('a', 161));

        sms.FitsIn(maxSegments).Should().Be(expected);
    }

    [Fact]
    public void FitsIn_rejects_a_limit_below_one()
    {
        var sms = SmsText.Analyze("Hej");

        var act = () => sms.FitsIn(0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxSegments");
    }

    [Fact]
    public void Analyze_rejects_null()
    {
        var act = () => SmsText.Analyze(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("text");
    }

    [Fact]
    public void ToString_describes_the_analysis_without_the_text()
    {
        var sms = SmsText.Analyze("Hej Hans Hansen, din bog er klar");

        var text = sms.ToString();

        text.Should().Be("Gsm7, 32 septets, 1 segment");
    }

    [Fact]
    public void Texts_are_equal_when_their_text_is_equal()
    {
        var first = SmsText.Analyze("Hej");
        var second = SmsText.Analyze("Hej");

        (first == second).Should().BeTrue();
        first.GetHashCode().Should().Be(second.GetHashCode());
    }

    [Fact]
    public void Texts_differing_in_case_are_not_equal()
    {
        var first = SmsText.Analyze("Hej");

        (first != SmsText.Analyze("hej")).Should().BeTrue();
    }

    [Theory]
    [InlineData(154)]
    [InlineData(159)]
    [InlineData(160)]
    public void Counting_segments_puts_a_gsm_text_of_up_to_160_basic_characters_in_one_segment(int length)
    {
        var segments = SmsText.CountSegments(new string('a', length));

        segments.Should().Be(1);
    }

    [Fact]
    public void Counting_segments_splits_a_gsm_text_of_161_basic_characters_in_two()
    {
        var segments = SmsText.CountSegments(new string('a', 161));

        segments.Should().Be(2);
    }

    [Theory]
    [InlineData("€", 81, 2)]
    [InlineData("ж", 71, 2)]
    public void Counting_segments_of_a_text_starting_outside_the_basic_table_counts_its_encoding(string character, int count, int expected)
    {
        var segments = SmsText.CountSegments(new string(character[0], count));

        segments.Should().Be(expected);
    }

    [Fact]
    public void Counting_segments_rejects_null()
    {
        var act = () => SmsText.CountSegments(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("text");
    }

    [Fact]
    public void Gsm_text_of_160_septets_with_an_extension_character_is_one_segment()
    {
        // 158 + 2: the euro sign sends the analysis past the fast path of basic characters.
        var sms = SmsText.Analyze(new string('a', 158) + "€");

        sms.Length.Should().Be(160);
        sms.Segments.Should().Be(1);
    }

    [Fact]
    public void Gsm_text_whose_first_extension_character_comes_late_counts_every_septet()
    {
        var text = new string('a', 159) + "€";

        var sms = SmsText.Analyze(text);

        sms.Encoding.Should().Be(SmsEncoding.Gsm7);
        sms.Length.Should().Be(161);
        sms.Segments.Should().Be(2);
        SmsText.CountSegments(text).Should().Be(2);
    }

    [Fact]
    public void Text_whose_first_non_gsm_character_comes_late_is_counted_in_ucs2()
    {
        var text = new string('a', 100) + "😀";

        var sms = SmsText.Analyze(text);

        sms.Encoding.Should().Be(SmsEncoding.Ucs2);
        sms.Length.Should().Be(102);
        sms.Segments.Should().Be(2);
        SmsText.CountSegments(text).Should().Be(2);
    }

    [Fact]
    public void Lone_high_surrogate_at_the_end_of_a_long_ucs2_text_counts_one_unit()
    {
        // 134 units fill two segments of 67 exactly; the lone surrogate has no partner to stay with.
        var text = new string('ж', 133) + "\uD83D";

        var sms = SmsText.Analyze(text);

        sms.Length.Should().Be(134);
        sms.Segments.Should().Be(2);
    }

    [Fact]
    public void Lone_high_surrogate_before_another_character_is_not_kept_with_it()
    {
        // The surrogate at index 66 is not followed by a low surrogate: it ends the first segment alone.
        var text = new string('ж', 66) + "\uD83D" + new string('ж', 67);

        var sms = SmsText.Analyze(text);

        sms.Length.Should().Be(134);
        sms.Segments.Should().Be(2);
    }

    [Fact]
    public void ToString_of_a_long_ucs2_text_names_utf16_units_and_segments()
    {
        var sms = SmsText.Analyze(new string('ж', 71));

        sms.ToString().Should().Be("Ucs2, 71 UTF-16 units, 2 segments");
    }

    [Fact]
    public void First_character_past_the_gsm_lookup_table_cannot_be_encoded()
    {
        // U+0400 is the first character the table does not hold; only the euro sign lies beyond it.
        Gsm7.SeptetsOf('\u0400').Should().Be(0);
        Gsm7.SeptetsOf('\u03FF').Should().Be(0);
        SmsText.Analyze("\u0400").Encoding.Should().Be(SmsEncoding.Ucs2);
    }

    [Fact]
    public void Texts_compare_with_null_and_other_objects()
    {
        var sms = SmsText.Analyze("Hej");

        sms.Equals((object)SmsText.Analyze("Hej")).Should().BeTrue();
        sms.Equals("Hej").Should().BeFalse();
        (sms == null).Should().BeFalse();
        (null == sms).Should().BeFalse();
        (sms != null).Should().BeTrue();
        ((SmsText?)null == null).Should().BeTrue();
    }

    [Fact]
    public void Segments_never_decrease_when_a_gsm_text_grows()
    {
        var gen = GsmText.Select(Gen.Char[GsmBasic + GsmExtension]);

        gen.Sample((text, extra) =>
            SmsText.Analyze(text + extra).Segments >= SmsText.Analyze(text).Segments);
    }

    [Fact]
    public void Gsm7_length_counts_extension_characters_twice()
    {
        GsmText.Sample(text =>
        {
            var expected = 0;
            foreach (var c in text)
            {
                expected += GsmExtension.Contains(c, StringComparison.Ordinal) ? 2 : 1;
            }

            var sms = SmsText.Analyze(text);
            return sms.Encoding == SmsEncoding.Gsm7 && sms.Length == expected;
        });
    }

    [Fact]
    public void Encoding_is_gsm7_exactly_when_every_character_is_in_the_tables()
    {
        var mixedChar = Gen.Frequency((9, Gen.Char[GsmBasic + GsmExtension]), (1, Gen.Char));
        var gen = mixedChar.Array[0, 50].Select(chars => new string(chars));

        gen.Sample(text =>
        {
            var allGsm = true;
            foreach (var c in text)
            {
                allGsm &= (GsmBasic + GsmExtension).Contains(c, StringComparison.Ordinal);
            }

            return SmsText.Analyze(text).Encoding == (allGsm ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2);
        });
    }

    [Fact]
    public void Segments_are_as_few_as_greedy_packing_allows()
    {
        var anyText = Gen.Frequency((1, GsmText), (1, Gen.String[0, 400]));

        anyText.Sample(text =>
        {
            var sms = SmsText.Analyze(text);
            var perSegment = sms.Encoding == SmsEncoding.Gsm7 ? 153 : 67;
            var single = sms.Encoding == SmsEncoding.Gsm7 ? 160 : 70;
            return sms.Length <= single
                ? sms.Segments == 1
                : sms.Segments >= (sms.Length + perSegment - 1) / perSegment && (sms.Segments - 1) * (perSegment - 1) <= sms.Length;
        });
    }
}
