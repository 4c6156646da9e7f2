using System.Globalization;
using Cicero.Notifications.Domain;
using CsCheck;
using PhoneNumbers;
using PhoneNumber = Cicero.Notifications.Domain.PhoneNumber;

namespace Cicero.Notifications.Tests.Domain;

public sealed class PhoneNumberTests
{
    [Fact]
    public void Danish_number_with_spaces_is_stored_in_e164()
    {
        var phone = PhoneNumber.Parse("20 12 34 56");

        phone.Value.Should().Be("+4520123456");
        phone.CountryCode.Should().Be(45);
        phone.IsDanish.Should().BeTrue();
    }

    [Theory]
    [InlineData("20123456")]
    [InlineData("0045 20 12 34 56")]
    [InlineData("+45 20123456")]
    [InlineData("+4520123456")]
    [InlineData("(+45) 20 12 34 56")]
    [InlineData("+45 2012-3456")]
    [InlineData(" 20.12.34.56 ")]
    public void Danish_number_in_any_common_form_becomes_plus_45_and_eight_digits(string input)
    {
        var phone = PhoneNumber.Parse(input);

        phone.Value.Should().Be("+4520123456");
    }

    [Fact]
    public void Danish_mobile_number_can_receive_sms()
    {
        var phone = PhoneNumber.Parse("20 12 34 56");

        phone.CanReceiveSms.Should().BeTrue();
    }

    [Fact]
    public void Danish_toll_free_number_is_valid_but_cannot_receive_sms()
    {
        var phone = PhoneNumber.Parse("+45 80 12 34 56");

        phone.Value.Should().Be("+4580123456");
        phone.CanReceiveSms.Should().BeFalse();
    }

    [Fact]
    public void Danish_premium_rate_number_cannot_receive_sms()
    {
        var phone = PhoneNumber.Parse("+45 90 12 34 56");

        phone.CanReceiveSms.Should().BeFalse();
    }

    [Theory]
    [InlineData("+46 70 123 45 67")]
    [InlineData("0046 70 123 45 67")]
    public void Foreign_mobile_number_in_international_form_is_accepted(string input)
    {
        var phone = PhoneNumber.Parse(input);

        phone.Value.Should().Be("+46701234567");
        phone.CountryCode.Should().Be(46);
        phone.IsDanish.Should().BeFalse();
        phone.CanReceiveSms.Should().BeTrue();
    }

    [Fact]
    public void Foreign_fixed_line_number_cannot_receive_sms()
    {
        var phone = PhoneNumber.Parse("+46 8 123 456 78");

        phone.CanReceiveSms.Should().BeFalse();
    }

    [Fact]
    public void Foreign_number_without_country_code_is_read_as_danish_and_rejected()
    {
        PhoneNumber.TryParse("070 123 45 67", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("+299 22 12 34", 299)]
    [InlineData("+298 21 12 34", 298)]
    public void Greenland_and_faroe_islands_are_not_denmark(string input, int expectedCountryCode)
    {
        var phone = PhoneNumber.Parse(input);

        phone.CountryCode.Should().Be(expectedCountryCode);
        phone.IsDanish.Should().BeFalse();
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("+45 0123 4567")]
    [InlineData("+45 20 12 34 56 7")]
    [InlineData("2012345A")]
    [InlineData("20 12 34 56 ext 7")]
    [InlineData("20 12 34 56#7")]
    [InlineData("20+123456")]
    [InlineData("++45 20123456")]
    [InlineData("+")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+45 (0) 20 12 34 56")]
    public void Invalid_number_is_rejected(string input)
    {
        PhoneNumber.TryParse(input, out var phone).Should().BeFalse();
        phone.Should().BeNull();
    }

    [Fact]
    public void Number_with_letters_is_rejected_naming_the_allowed_characters()
    {
        var act = () => PhoneNumber.Parse("2012345A");

        act.Should().Throw<FormatException>().WithMessage("A phone number may contain only digits, spaces, the separators - . ( ) / and a + before the digits.");
    }

    [Fact]
    public void Blank_number_is_rejected_as_empty()
    {
        var act = () => PhoneNumber.Parse("   ");

        act.Should().Throw<FormatException>().WithMessage("A phone number cannot be empty.");
    }

    [Fact]
    public void Number_of_41_characters_is_rejected_as_too_long()
    {
        var act = () => PhoneNumber.Parse("20 12 34 56" + new string(' ', 21) + "- - - - -");

        act.Should().Throw<FormatException>().WithMessage("A phone number can be at most 40 characters.");
    }

    [Fact]
    public void Number_of_40_characters_is_read()
    {
        var phone = PhoneNumber.Parse("20" + new string(' ', 32) + "345678");

        phone.Value.Should().Be("+4520345678");
    }

    [Theory]
    [InlineData("+45 0123 4567", "01234567")]
    [InlineData("21 43 65 879", "214365879")]
    [InlineData("2143658A", "2143658")]
    public void Rejection_message_never_contains_the_number(string input, string digits)
    {
        var act = () => PhoneNumber.Parse(input);

        act.Should().Throw<FormatException>().Which.Message.Should().NotContain(digits).And.NotContain(input);
    }

    [Fact]
    public void ToString_returns_the_e164_form()
    {
        var phone = PhoneNumber.Parse("0045 20 12 34 56");

        phone.ToString().Should().Be("+4520123456");
    }

    [Fact]
    public void Numbers_written_differently_are_equal()
    {
        var local = PhoneNumber.Parse("20 12 34 56");
        var international = PhoneNumber.Parse("+45 20123456");

        (local == international).Should().BeTrue();
        local.GetHashCode().Should().Be(international.GetHashCode());
    }

    [Fact]
    public void Different_numbers_are_not_equal()
    {
        var first = PhoneNumber.Parse("20 12 34 56");
        var second = PhoneNumber.Parse("20 12 34 57");

        (first != second).Should().BeTrue();
    }

    [Fact]
    public void Parse_rejects_null_naming_the_parameter()
    {
        var act = () => PhoneNumber.Parse(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("value");
    }

    [Fact]
    public void TryParse_returns_false_for_null()
    {
        PhoneNumber.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Example_mobile_number_of_every_region_is_accepted_in_international_form()
    {
        var util = PhoneNumberUtil.GetInstance();
        var rejected = new List<string>();

        foreach (var region in util.GetSupportedRegions())
        {
            var example = util.GetExampleNumberForType(region, PhoneNumberType.MOBILE);
            if (example is not null
                && !(PhoneNumber.TryParse(util.Format(example, PhoneNumberFormat.INTERNATIONAL), out var phone)
                     && phone.Value == util.Format(example, PhoneNumberFormat.E164)
                     && phone.CanReceiveSms))
            {
                rejected.Add(region);
            }
        }

        rejected.Should().BeEmpty();
    }

    [Fact]
    public void Accepted_danish_number_is_plus_45_and_eight_digits_and_round_trips()
    {
        var eightDigits = Gen.Int[0, 99_999_999].Select(n => n.ToString("00000000", CultureInfo.InvariantCulture));

        eightDigits.Sample(digits =>
        {
            if (PhoneNumber.TryParse(digits, out var phone))
            {
                phone.Value.Should().Be("+45" + digits);
                digits[0].Should().BeInRange('2', '9');
                PhoneNumber.Parse(phone.ToString()).Should().Be(phone);
                PhoneNumber.Parse("0045 " + digits[..4] + " " + digits[4..]).Should().Be(phone);
            }
        });
    }

    [Fact]
    public void Accepted_number_with_plus_45_of_any_length_is_eight_digits_the_first_2_to_9()
    {
        // Pins the Danish numbering plan on libphonenumber's metadata: no other +45 number passes as valid.
        var digits = Gen.Int[1, 12].SelectMany(length => Gen.Char['0', '9'].Array[length]).Select(c => new string(c));

        digits.Sample(number =>
            !PhoneNumber.TryParse("+45" + number, out var phone)
            || (phone.Value.Length == 11 && phone.Value[3] is >= '2' and <= '9'));
    }

    [Theory]
    [InlineData("+45 1234 5678")]
    [InlineData("+45 112")]
    [InlineData("+45 2012 345")]
    [InlineData("+45 2012 345 678")]
    public void Plus_45_number_that_is_not_eight_digits_from_2_to_9_is_rejected_as_invalid(string input)
    {
        var act = () => PhoneNumber.Parse(input);

        act.Should().Throw<FormatException>().WithMessage(
            "The phone number is not valid. Give a Danish number of 8 digits, or a foreign number with its country code (for example +46 …).");
    }

    [Theory]
    [InlineData("+45 8312 3456")]
    [InlineData("84 12 34 56")]
    [InlineData("0045 8512 3456")]
    public void Danish_number_of_the_right_length_in_an_unallocated_range_says_so(string input)
    {
        var act = () => PhoneNumber.Parse(input);

        act.Should().Throw<FormatException>().WithMessage(
            "The phone number is not an allocated Danish number: it has 8 digits, but no Danish number starts with these digits. Check the number, or give a foreign number with its country code (for example +46 …).");
    }

    [Theory]
    [InlineData("+999 12 34 56 78")]
    [InlineData("+1")]
    public void Number_libphonenumber_cannot_read_is_rejected_as_invalid(string input)
    {
        var act = () => PhoneNumber.Parse(input);

        act.Should().Throw<FormatException>().WithMessage(
            "The phone number is not valid. Give a Danish number of 8 digits, or a foreign number with its country code (for example +46 …).");
    }

    [Theory]
    [InlineData("( - )")]
    [InlineData("+ /")]
    public void Number_without_digits_is_rejected_naming_the_allowed_characters(string input)
    {
        var act = () => PhoneNumber.Parse(input);

        act.Should().Throw<FormatException>().WithMessage("A phone number may contain only digits, spaces, the separators - . ( ) / and a + before the digits.");
    }

    [Fact]
    public void Phone_number_is_never_equal_to_null()
    {
        var phone = PhoneNumber.Parse("20 12 34 56");

        phone.Equals((object)"+4520123456").Should().BeFalse();
        (phone == null).Should().BeFalse();
        (null == phone).Should().BeFalse();
        (phone != null).Should().BeTrue();
    }

    [Fact]
    public void Parse_throws_only_FormatException_on_arbitrary_strings()
    {
        var phoneLike = Gen.Char["+0123456789 -()./#x"].Array[0, 20].Select(c => new string(c));
        var gen = Gen.Frequency((1, Gen.String), (1, phoneLike));

        gen.Sample(text =>
        {
            try
            {
                PhoneNumber.Parse(text);
            }
            catch (FormatException)
            {
            }
        });
    }

    [Fact]
    public void TryParse_never_throws_on_arbitrary_strings()
    {
        Gen.String.Sample(text => { PhoneNumber.TryParse(text, out _); });
    }
}
