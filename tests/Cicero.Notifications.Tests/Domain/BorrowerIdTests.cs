using System.Text.RegularExpressions;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

public sealed class BorrowerIdTests
{
    [Theory]
    [InlineData("B1")]
    [InlineData("Låner 4711")]
    [InlineData("ÆØÅ-æøå_0123456789")]
    [InlineData("\U0001F4DA-club")]
    public void A_printable_id_is_accepted_as_given(string value)
    {
        BorrowerId.Parse(value).Value.Should().Be(value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" B1", "leading white space")]
    [InlineData("B1 ", "trailing white space")]
    [InlineData("B\t1", "a control character")]
    [InlineData("B\u200B1", "a zero-width space")]
    [InlineData("B\u200D1", "a zero-width joiner")]
    [InlineData("B\u202E1", "a right-to-left override")]
    [InlineData("B\u20661", "a left-to-right isolate")]
    [InlineData("\uFEFFB1", "a byte order mark")]
    [InlineData("B\\uD83D", "a lone high surrogate")]
    [InlineData("B\\uDCDA1", "a lone low surrogate")]
    public void An_id_a_person_cannot_read_back_is_refused_without_echoing_it(string escaped, string problem)
    {
        // Lone surrogates are written escaped: xunit would replace them in a test case's arguments.
        var value = Regex.Unescape(escaped);
        var act = () => BorrowerId.Parse(value);

        act.Should().Throw<FormatException>(problem)
            .Which.Message.Should().Contain("invisible formatting characters").And.NotContain(value.Length > 0 ? value : "\u0000");
        BorrowerId.TryParse(value, out _).Should().BeFalse(problem);
    }

    [Fact]
    public void An_id_longer_than_64_characters_is_refused()
    {
        BorrowerId.TryParse(new string('a', 64), out _).Should().BeTrue();
        BorrowerId.TryParse(new string('a', 65), out _).Should().BeFalse();
    }

    [Fact]
    public void Two_ids_that_differ_only_in_a_lone_surrogate_can_no_longer_collide_in_a_store()
    {
        // Both would become "B?" (U+FFFD) as UTF-8 in SQLite or PostgreSQL: neither is accepted.
        BorrowerId.TryParse("B\uD800", out _).Should().BeFalse();
        BorrowerId.TryParse("B\uD801", out _).Should().BeFalse();
    }

    [Fact]
    public void Parsing_null_is_refused_naming_the_parameter()
    {
        var act = () => BorrowerId.Parse(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("value");
    }

    [Fact]
    public void Two_ids_parsed_from_the_same_text_are_equal()
    {
        var first = BorrowerId.Parse("B-1001");
        var second = BorrowerId.Parse("B-1001");

        (first.Equals(second), first == second, first != second).Should().Be((true, true, false));
    }

    [Fact]
    public void Different_ids_and_null_are_not_equal()
    {
        var id = BorrowerId.Parse("B-1001");
        BorrowerId? none = null;

        (id == BorrowerId.Parse("B-1002"), id != BorrowerId.Parse("B-1002"), null == id, id == null, none == null, none != null)
            .Should().Be((false, true, false, false, true, false));
    }
}
