using System.Globalization;
using Cicero.Notifications.Domain;
using CsCheck;

namespace Cicero.Notifications.Tests.Domain;

public sealed class CvrTests
{
    private static readonly int[] Weights = [2, 7, 6, 5, 4, 3, 2, 1];

    // 7 digits (no leading 0) and the check digit that makes the weighted sum divisible by 11, when one exists.
    private static readonly Gen<string> ValidCvr =
        Gen.Int[1, 9].Select(Gen.Int[0, 999_999], (first, rest) => first.ToString(CultureInfo.InvariantCulture) + rest.ToString("000000", CultureInfo.InvariantCulture))
            .Select(seven => (seven, check: CheckDigit(seven)))
            .Where(x => x.check < 10)
            .Select(x => x.seven + x.check);

    [Fact]
    public void Valid_cvr_is_parsed()
    {
        var cvr = Cvr.Parse("13585628");

        cvr.Value.Should().Be("13585628");
    }

    [Theory]
    [InlineData("DK 13585628")]
    [InlineData("DK-13 58 56 28")]
    [InlineData("dk13585628")]
    [InlineData("Dk 13.58.56.28")]
    [InlineData(" 13 58 56 28 ")]
    [InlineData("1358-5628")]
    public void Cvr_with_dk_prefix_and_separators_is_parsed_to_eight_digits(string input)
    {
        var cvr = Cvr.Parse(input);

        cvr.Value.Should().Be("13585628");
    }

    [Fact]
    public void Cvr_failing_the_modulus_11_check_is_rejected()
    {
        var act = () => Cvr.Parse("13585627");

        act.Should().Throw<FormatException>().WithMessage("The CVR number fails its modulus 11 check; look for a typing error.");
    }

    [Fact]
    public void Cvr_with_leading_zero_is_rejected()
    {
        var act = () => Cvr.Parse("01234567");

        act.Should().Throw<FormatException>().WithMessage("A CVR number cannot start with 0.");
    }

    [Theory]
    [InlineData("1358562")]
    [InlineData("135856281")]
    [InlineData("1358562A")]
    [InlineData("SE13585628")]
    [InlineData("13585628DK")]
    [InlineData("DK")]
    [InlineData("")]
    [InlineData("13_585_628")]
    public void Malformed_cvr_is_rejected(string input)
    {
        Cvr.TryParse(input, out var cvr).Should().BeFalse();
        cvr.Should().BeNull();
    }

    [Fact]
    public void Rejection_message_never_contains_the_number()
    {
        var act = () => Cvr.Parse("13585627");

        act.Should().Throw<FormatException>().Which.Message.Should().NotContain("13585627");
    }

    [Fact]
    public void ToString_returns_the_eight_digits()
    {
        var cvr = Cvr.Parse("DK 13 58 56 28");

        cvr.ToString().Should().Be("13585628");
    }

    [Fact]
    public void Cvrs_written_differently_are_equal()
    {
        var plain = Cvr.Parse("13585628");
        var prefixed = Cvr.Parse("DK-13585628");

        (plain == prefixed).Should().BeTrue();
        plain.GetHashCode().Should().Be(prefixed.GetHashCode());
    }

    [Fact]
    public void Different_cvrs_are_not_equal()
    {
        var first = Cvr.Parse("13585628");
        var second = Cvr.Parse("10000009");

        (first == second).Should().BeFalse();
        (first != second).Should().BeTrue();
        first.Equals(second).Should().BeFalse();
    }

    [Fact]
    public void Cvr_is_never_equal_to_null()
    {
        var cvr = Cvr.Parse("13585628");

        cvr.Equals(null).Should().BeFalse();
        (cvr == null).Should().BeFalse();
        (null == cvr).Should().BeFalse();
        (cvr != null).Should().BeTrue();
    }

    [Fact]
    public void Two_null_cvrs_are_equal()
    {
        Cvr? first = null;
        Cvr? second = null;

        (first == second).Should().BeTrue();
        (first != second).Should().BeFalse();
    }

    [Fact]
    public void Cvr_equals_an_object_holding_the_same_number_only()
    {
        var cvr = Cvr.Parse("13585628");

        cvr.Equals((object)Cvr.Parse("DK 13585628")).Should().BeTrue();
        cvr.Equals((object)"13585628").Should().BeFalse();
    }

    [Fact]
    public void Cvr_with_too_many_digits_is_rejected_naming_the_format()
    {
        var act = () => Cvr.Parse("135856281");

        act.Should().Throw<FormatException>().WithMessage("A CVR number must be 8 digits, optionally prefixed with DK.");
    }

    [Fact]
    public void Parse_rejects_null_naming_the_parameter()
    {
        var act = () => Cvr.Parse(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("value");
    }

    [Fact]
    public void TryParse_returns_false_for_null()
    {
        Cvr.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Valid_cvr_round_trips_through_ToString()
    {
        ValidCvr.Sample(text =>
        {
            var cvr = Cvr.Parse(text);

            Cvr.Parse(cvr.ToString()).Should().Be(cvr);
            Cvr.Parse("DK " + cvr.Value).Should().Be(cvr);
        });
    }

    [Fact]
    public void Any_eight_digits_are_accepted_exactly_when_the_check_holds()
    {
        var eightDigits = Gen.Char['0', '9'].Array[8].Select(c => new string(c));

        eightDigits.Sample(text =>
        {
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += (text[i] - '0') * Weights[i];
            }

            return Cvr.TryParse(text, out _) == (text[0] != '0' && sum % 11 == 0);
        });
    }

    [Fact]
    public void Parse_throws_only_FormatException_on_arbitrary_strings()
    {
        var gen = Gen.Frequency((1, Gen.String), (1, Gen.Char["0123456789DKdk -."].Array[0, 14].Select(c => new string(c))));

        gen.Sample(text =>
        {
            try
            {
                Cvr.Parse(text);
            }
            catch (FormatException)
            {
            }
        });
    }

    [Fact]
    public void TryParse_never_throws_on_arbitrary_strings()
    {
        Gen.String.Sample(text => { Cvr.TryParse(text, out _); });
    }

    private static int CheckDigit(string sevenDigits)
    {
        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            sum += (sevenDigits[i] - '0') * Weights[i];
        }

        return (11 - (sum % 11)) % 11;
    }
}
