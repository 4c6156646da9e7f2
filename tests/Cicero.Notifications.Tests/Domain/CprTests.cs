using System.Globalization;
using Cicero.Notifications.Domain;
using CsCheck;

namespace Cicero.Notifications.Tests.Domain;

public sealed class CprTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    // A valid CPR for every date the century rule can express, with a 7th digit that gives that date's century.
    private static readonly Gen<(DateOnly BirthDate, string Text)> ValidCpr =
        Gen.DateOnly[new DateOnly(1858, 1, 1), new DateOnly(2057, 12, 31)].SelectMany(date =>
            Gen.Char[SeventhDigitsFor(date.Year)].Select(Gen.Int[0, 999], (seventh, serial) =>
                (date, date.ToString("ddMMyy", CultureInfo.InvariantCulture) + "-" + seventh + serial.ToString("000", CultureInfo.InvariantCulture))));

    [Fact]
    public void Cpr_with_hyphen_is_parsed_with_its_birth_date()
    {
        var cpr = Cpr.Parse("070761-4285", Today);

        cpr.BirthDate.Should().Be(new DateOnly(1961, 7, 7));
        cpr.Value.Should().Be("0707614285");
    }

    [Theory]
    [InlineData("0707614285")]
    [InlineData("070761 4285")]
    [InlineData(" 070761-4285 ")]
    [InlineData("07 07 61 42 85")]
    public void Cpr_without_hyphen_or_with_spaces_is_parsed(string input)
    {
        var cpr = Cpr.Parse(input, Today);

        cpr.Value.Should().Be("0707614285");
    }

    [Fact]
    public void Cpr_on_the_leap_day_of_2000_is_valid()
    {
        var cpr = Cpr.Parse("290200-4125", Today);

        cpr.BirthDate.Should().Be(new DateOnly(2000, 2, 29));
    }

    [Fact]
    public void Cpr_on_29_february_1900_is_rejected_because_1900_is_no_leap_year()
    {
        Cpr.TryParse("290200-0125", Today, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("010165-1230")]
    [InlineData("010180-0040")]
    public void Cpr_is_valid_without_a_modulus_11_check_digit(string input)
    {
        Cpr.TryParse(input, Today, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("010101-0123", 1901)]
    [InlineData("010199-3123", 1999)]
    [InlineData("010136-4123", 2036)]
    [InlineData("010137-4123", 1937)]
    [InlineData("010136-9123", 2036)]
    [InlineData("010199-9123", 1999)]
    [InlineData("010100-5123", 2000)]
    [InlineData("010157-8123", 2057)]
    [InlineData("010158-5123", 1858)]
    [InlineData("010199-8123", 1899)]
    public void Century_comes_from_the_seventh_digit_and_the_year(string input, int expectedYear)
    {
        var cpr = Cpr.Parse(input);

        cpr.BirthDate.Year.Should().Be(expectedYear);
    }

    [Theory]
    [InlineData("070761-428")]
    [InlineData("070761-42851")]
    [InlineData("07076A-4285")]
    [InlineData("310461-4285")]
    [InlineData("000161-4285")]
    [InlineData("011361-4285")]
    [InlineData("07076-14285")]
    [InlineData("070761--4285")]
    [InlineData("")]
    public void Malformed_cpr_or_impossible_date_is_rejected(string input)
    {
        Cpr.TryParse(input, Today, out var cpr).Should().BeFalse();
        cpr.Should().BeNull();
    }

    [Fact]
    public void Cpr_of_31_april_is_rejected_naming_the_date_rule()
    {
        var act = () => Cpr.Parse("310461-4285", Today);

        act.Should().Throw<FormatException>().WithMessage("The first six digits of a CPR number must be a real date (DDMMYY).");
    }

    [Fact]
    public void Cpr_with_nine_digits_is_rejected_naming_the_format()
    {
        var act = () => Cpr.Parse("070761-428", Today);

        act.Should().Throw<FormatException>().WithMessage("A CPR number must be 10 digits (DDMMYY-SSSS).");
    }

    [Fact]
    public void Cpr_with_future_birth_date_is_rejected()
    {
        var act = () => Cpr.Parse("010130-4123", Today);

        act.Should().Throw<FormatException>().WithMessage("The birth date of a CPR number cannot be in the future.");
    }

    [Fact]
    public void Cpr_born_today_is_accepted()
    {
        var cpr = Cpr.Parse("010625-4123", Today);

        cpr.BirthDate.Should().Be(Today);
    }

    [Fact]
    public void Cpr_with_future_birth_date_is_accepted_from_trusted_storage()
    {
        var cpr = Cpr.Parse("010130-4123");

        cpr.BirthDate.Should().Be(new DateOnly(2030, 1, 1));
    }

    [Fact]
    public void TryParse_with_today_rejects_a_future_birth_date()
    {
        Cpr.TryParse("010130-4123", Today, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("310461-4285", "310461", "4285")]
    [InlineData("070761-428", "070761", "428")]
    [InlineData("010130-4123", "010130", "4123")]
    public void Rejection_message_never_contains_the_number(string input, string firstDigits, string lastDigits)
    {
        var act = () => Cpr.Parse(input, Today);

        act.Should().Throw<FormatException>()
            .Which.Message.Should().NotContain(firstDigits).And.NotContain(lastDigits);
    }

    [Fact]
    public void ToString_returns_the_masked_number()
    {
        var cpr = Cpr.Parse("070761-4285");

        cpr.ToString().Should().Be("070761-xxxx");
    }

    [Fact]
    public void Masked_hides_the_serial()
    {
        var cpr = Cpr.Parse("0707614285");

        cpr.Masked.Should().Be("070761-xxxx");
    }

    [Fact]
    public void Cprs_written_differently_are_equal()
    {
        var withHyphen = Cpr.Parse("070761-4285");
        var withoutHyphen = Cpr.Parse("0707614285");

        (withHyphen == withoutHyphen).Should().BeTrue();
        withHyphen.GetHashCode().Should().Be(withoutHyphen.GetHashCode());
    }

    [Fact]
    public void Cprs_with_different_serials_are_not_equal()
    {
        var first = Cpr.Parse("070761-4285");
        var second = Cpr.Parse("070761-4286");

        (first != second).Should().BeTrue();
    }

    [Fact]
    public void Parse_rejects_null_naming_the_parameter()
    {
        var act = () => Cpr.Parse(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("value");
    }

    [Fact]
    public void TryParse_returns_false_for_null()
    {
        Cpr.TryParse(null, out var cpr).Should().BeFalse();
        cpr.Should().BeNull();
    }

    [Fact]
    public void TryParse_with_today_returns_false_for_null()
    {
        Cpr.TryParse(null, Today, out var cpr).Should().BeFalse();
        cpr.Should().BeNull();
    }

    [Fact]
    public void Cpr_is_never_equal_to_null()
    {
        var cpr = Cpr.Parse("070761-4285");

        cpr.Equals(null).Should().BeFalse();
        (cpr == null).Should().BeFalse();
        (null == cpr).Should().BeFalse();
        (cpr != null).Should().BeTrue();
    }

    [Fact]
    public void Two_null_cprs_are_equal()
    {
        Cpr? first = null;
        Cpr? second = null;

        (first == second).Should().BeTrue();
    }

    [Fact]
    public void Cpr_equals_an_object_holding_the_same_number_only()
    {
        var cpr = Cpr.Parse("070761-4285");

        cpr.Equals((object)Cpr.Parse("0707614285")).Should().BeTrue();
        cpr.Equals((object)"0707614285").Should().BeFalse();
    }

    [Fact]
    public void Valid_cpr_round_trips_through_its_value()
    {
        ValidCpr.Sample((birthDate, text) =>
        {
            var cpr = Cpr.Parse(text, new DateOnly(2057, 12, 31));

            cpr.BirthDate.Should().Be(birthDate);
            Cpr.Parse(cpr.Value).Should().Be(cpr);
        });
    }

    [Fact]
    public void Parse_throws_only_FormatException_on_arbitrary_strings()
    {
        var gen = Gen.Frequency((1, Gen.String), (1, Gen.Char["0123456789- "].Array[0, 14].Select(c => new string(c))));

        gen.Sample(text =>
        {
            try
            {
                Cpr.Parse(text, Today);
            }
            catch (FormatException)
            {
            }
        });
    }

    [Fact]
    public void TryParse_never_throws_on_arbitrary_strings()
    {
        Gen.String.Sample(text =>
        {
            Cpr.TryParse(text, out _);
            Cpr.TryParse(text, Today, out _);
        });
    }

    [Fact]
    public void Rejection_message_never_contains_ten_digit_input()
    {
        var tenDigits = Gen.Char['0', '9'].Array[10].Select(c => new string(c));

        tenDigits.Sample(text =>
        {
            try
            {
                Cpr.Parse(text, Today);
                return true;
            }
            catch (FormatException e)
            {
                return !e.Message.Contains(text[..6], StringComparison.Ordinal) && !e.Message.Contains(text[6..], StringComparison.Ordinal);
            }
        });
    }

    private static string SeventhDigitsFor(int year) => year switch
    {
        < 1900 => "5678",
        < 1937 => "0123",
        < 2000 => "012349",
        < 2037 => "456789",
        _ => "5678",
    };
}
