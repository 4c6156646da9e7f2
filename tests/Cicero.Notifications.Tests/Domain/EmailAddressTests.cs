using System.Globalization;
using Cicero.Notifications.Domain;
using CsCheck;

namespace Cicero.Notifications.Tests.Domain;

public sealed class EmailAddressTests
{
    private const string Atext = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~";

    // The reasons, written out here so a changed wording is a deliberate change to this file too.
    private const string EmptyMessage = "An e-mail address cannot be empty.";
    private const string TooLongMessage = "An e-mail address can be at most 254 characters.";
    private const string DisplayNameMessage = "The e-mail address has a display name; give the address only.";
    private const string ListMessage = "Give one e-mail address, not a list.";
    private const string CommentMessage = "The e-mail address has a comment in parentheses; give the address only.";
    private const string QuoteMessage = "An e-mail address with quotes is not supported.";
    private const string WhitespaceMessage = "An e-mail address cannot contain spaces.";
    private const string AtMessage = "An e-mail address must contain exactly one @ between the name and the domain.";
    private const string LocalPartMissingMessage = "The e-mail address has nothing before the @.";
    private const string LocalPartTooLongMessage = "The part of an e-mail address before the @ can be at most 64 characters.";
    private const string LocalPartMessage = "The part of an e-mail address before the @ may contain letters, digits, the characters !#$%&'*+-/=?^_`{|}~ and single dots, but cannot start or end with a dot.";
    private const string DomainMissingMessage = "The e-mail address has no domain after the @.";
    private const string DomainDotMessage = "The domain of an e-mail address must contain a dot, such as example.dk.";
    private const string DomainMessage = "The domain of the e-mail address is not a valid domain name (labels of letters, digits and inner hyphens, separated by single dots).";

    private static readonly Gen<string> Atom = Gen.String[Gen.Char[Atext], 1, 12];

    private static readonly Gen<string> Label =
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 12]
            .Select(Gen.Bool, (text, hyphen) => hyphen && text.Length > 1 ? text[..1] + "-" + text[1..] : text);

    private static readonly Gen<string> ValidAddress =
        Atom.Array[1, 3].Select(atoms => string.Join('.', atoms))
            .Select(Label.Array[1, 3], Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 2, 6],
                (local, labels, tld) => local + "@" + string.Join('.', labels) + "." + tld);

    [Fact]
    public void Plain_address_is_parsed_into_its_parts()
    {
        var email = EmailAddress.Parse("hans@example.dk");

        email.Value.Should().Be("hans@example.dk");
        email.LocalPart.Should().Be("hans");
        email.Domain.Should().Be("example.dk");
        email.AsciiValue.Should().Be("hans@example.dk");
    }

    [Fact]
    public void Address_with_dots_plus_and_capitals_is_kept_as_typed()
    {
        var email = EmailAddress.Parse("Hans.Hansen+lib@bibliotek.dk");

        email.Value.Should().Be("Hans.Hansen+lib@bibliotek.dk");
    }

    [Fact]
    public void Surrounding_whitespace_is_trimmed()
    {
        var email = EmailAddress.Parse("  hans@example.dk \n");

        email.Value.Should().Be("hans@example.dk");
    }

    [Fact]
    public void Internationalized_domain_is_kept_as_typed()
    {
        var email = EmailAddress.Parse("søren@æblehaven.dk");

        email.Value.Should().Be("søren@æblehaven.dk");
        email.Domain.Should().Be("æblehaven.dk");
    }

    [Fact]
    public void Internationalized_domain_is_sent_in_punycode()
    {
        var expectedDomain = new IdnMapping().GetAscii("æblehaven.dk");

        var email = EmailAddress.Parse("søren@æblehaven.dk");

        email.AsciiValue.Should().Be("søren@" + expectedDomain);
        expectedDomain.Should().StartWith("xn--");
    }

    [Theory]
    [InlineData("Hans <hans@example.dk>", DisplayNameMessage)]
    [InlineData("<hans@example.dk>", DisplayNameMessage)]
    [InlineData("a@b.dk, c@d.dk", ListMessage)]
    [InlineData("a@b.dk;c@d.dk", ListMessage)]
    [InlineData("bo@x.dk (comment)", CommentMessage)]
    [InlineData("\"hans\"@example.dk", QuoteMessage)]
    [InlineData("hans example@x.dk", WhitespaceMessage)]
    [InlineData("hans@localhost", DomainDotMessage)]
    [InlineData("@example.dk", LocalPartMissingMessage)]
    [InlineData("hans@", DomainMissingMessage)]
    [InlineData("hans@@example.dk", AtMessage)]
    [InlineData("hansexample.dk", AtMessage)]
    [InlineData("", EmptyMessage)]
    [InlineData("hans€@example.dk", LocalPartMessage)]
    [InlineData(".hans@example.dk", LocalPartMessage)]
    [InlineData("hans@x_y.dk", DomainMessage)]
    [InlineData("hans@1.2.3.4", DomainMessage)]
    [InlineData(",hans@example.dk", ListMessage)]
    [InlineData("(hans)@example.dk", CommentMessage)]
    [InlineData(".hans@x_y.dk", LocalPartMessage)]
    public void Invalid_address_is_rejected_with_a_message_naming_the_problem(string input, string expectedMessage)
    {
        var act = () => EmailAddress.Parse(input);

        act.Should().Throw<FormatException>().WithMessage(expectedMessage);
    }

    [Theory]
    [InlineData("hans@-x.dk")]
    [InlineData("hans@x-.dk")]
    [InlineData("hans@x..dk")]
    [InlineData("hans@.x.dk")]
    [InlineData("hans@x.dk.")]
    [InlineData("hans@x_y.dk")]
    [InlineData("hans@1.2.3.4")]
    [InlineData("hans@[1.2.3.4]")]
    [InlineData("hans@xn--zz.dk")]
    [InlineData(".hans@x.dk")]
    [InlineData("hans.@x.dk")]
    [InlineData("ha..ns@x.dk")]
    [InlineData("hans\\@x.dk")]
    public void Address_with_invalid_local_part_or_domain_is_rejected(string input)
    {
        EmailAddress.TryParse(input, out var email).Should().BeFalse();
        email.Should().BeNull();
    }

    [Fact]
    public void Local_part_of_64_characters_is_accepted()
    {
        EmailAddress.TryParse(new string('a', 64) + "@example.dk", out _).Should().BeTrue();
    }

    [Fact]
    public void Local_part_of_65_characters_is_rejected()
    {
        var act = () => EmailAddress.Parse(new string('a', 65) + "@example.dk");

        act.Should().Throw<FormatException>().WithMessage(LocalPartTooLongMessage);
    }

    [Fact]
    public void Address_of_254_characters_is_accepted()
    {
        var address = AddressOfLength(254);

        EmailAddress.TryParse(address, out _).Should().BeTrue();
    }

    [Fact]
    public void Address_of_255_characters_is_rejected()
    {
        var act = () => EmailAddress.Parse(AddressOfLength(255));

        act.Should().Throw<FormatException>().WithMessage(TooLongMessage);
    }

    [Fact]
    public void Address_over_254_characters_is_rejected_as_too_long_before_anything_else_is_looked_at()
    {
        var act = () => EmailAddress.Parse("Hans <" + new string('a', 250) + "@example.dk>");

        act.Should().Throw<FormatException>().WithMessage(TooLongMessage);
    }

    [Fact]
    public void Address_too_long_once_its_domain_is_in_punycode_is_rejected()
    {
        // 64 + 1 + 12 × 10 + 2 = 187 characters as typed; each "æblehaven." becomes "xn--blehaven-i0a.": 271 in punycode.
        var address = new string('a', 64) + "@" + string.Concat(Enumerable.Repeat("æblehaven.", 12)) + "dk";
        address.Length.Should().BeLessThanOrEqualTo(254);

        var act = () => EmailAddress.Parse(address);

        act.Should().Throw<FormatException>().WithMessage(TooLongMessage);
    }

    [Fact]
    public void Address_of_254_characters_once_its_domain_is_in_punycode_is_accepted()
    {
        // "æblehaven.dk" is 19 characters in punycode ("xn--blehaven-i0a.dk"): 64 + 1 + 170 + 19 = 254.
        var domain = new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 41) + ".æblehaven.dk";
        var address = new string('a', 64) + "@" + domain;

        var email = EmailAddress.Parse(address);

        email.AsciiValue.Length.Should().Be(254);
    }

    [Fact]
    public void Email_address_is_never_equal_to_null()
    {
        var email = EmailAddress.Parse("hans@example.dk");

        email.Equals((object)"hans@example.dk").Should().BeFalse();
        (email == null).Should().BeFalse();
        (null == email).Should().BeFalse();
        (email != null).Should().BeTrue();
    }

    [Theory]
    [InlineData("Hans <hans.hansen@bibliotek.dk>")]
    [InlineData("hans.hansen@bibliotek")]
    [InlineData("hans.hansen@bibliotek..dk")]
    [InlineData("hans.hansen@@bibliotek.dk")]
    public void Rejection_message_never_contains_the_address(string input)
    {
        var act = () => EmailAddress.Parse(input);

        act.Should().Throw<FormatException>()
            .Which.Message.Should().NotContain("hans.hansen").And.NotContain("bibliotek");
    }

    [Fact]
    public void Addresses_differing_only_in_case_are_equal()
    {
        var typed = EmailAddress.Parse("Hans.Hansen@Bibliotek.DK");
        var lower = EmailAddress.Parse("hans.hansen@bibliotek.dk");

        (typed == lower).Should().BeTrue();
        typed.GetHashCode().Should().Be(lower.GetHashCode());
    }

    [Fact]
    public void Domain_in_unicode_equals_the_same_domain_in_punycode()
    {
        var unicode = EmailAddress.Parse("hans@æblehaven.dk");
        var punycode = EmailAddress.Parse("hans@" + new IdnMapping().GetAscii("æblehaven.dk"));

        (unicode == punycode).Should().BeTrue();
        unicode.GetHashCode().Should().Be(punycode.GetHashCode());
    }

    [Fact]
    public void Different_addresses_are_not_equal()
    {
        var hans = EmailAddress.Parse("hans@example.dk");
        var grete = EmailAddress.Parse("grete@example.dk");

        (hans != grete).Should().BeTrue();
    }

    [Fact]
    public void ToString_returns_the_address_as_typed()
    {
        var email = EmailAddress.Parse("Hans@Example.dk");

        email.ToString().Should().Be("Hans@Example.dk");
    }

    [Fact]
    public void Parse_rejects_null_naming_the_parameter()
    {
        var act = () => EmailAddress.Parse(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("value");
    }

    [Fact]
    public void TryParse_returns_false_for_null()
    {
        EmailAddress.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Valid_address_round_trips_through_ToString()
    {
        ValidAddress.Sample(text =>
        {
            var email = EmailAddress.Parse(text);

            EmailAddress.Parse(email.ToString()).Value.Should().Be(email.Value);
            EmailAddress.Parse(email.AsciiValue).Should().Be(email);
        });
    }

    [Fact]
    public void Parse_throws_only_FormatException_on_arbitrary_strings()
    {
        var nearAddress = Gen.Char["ab.-@<>,;()\" æ"].Array[0, 20].Select(c => new string(c));
        var gen = Gen.Frequency((1, Gen.String), (1, nearAddress));

        gen.Sample(text =>
        {
            try
            {
                EmailAddress.Parse(text);
            }
            catch (FormatException)
            {
            }
        });
    }

    [Fact]
    public void TryParse_never_throws_on_arbitrary_strings()
    {
        Gen.String.Sample(text => { EmailAddress.TryParse(text, out _); });
    }

    // 64 + 1 + 63 + 1 + 63 + 1 + n + 3, with a domain ending in ".dk".
    private static string AddressOfLength(int length) =>
        new string('a', 64) + "@" + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', length - 196) + ".dk";
}
