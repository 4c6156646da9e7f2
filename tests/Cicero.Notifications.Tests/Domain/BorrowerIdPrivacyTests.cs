using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

public sealed class BorrowerIdPrivacyTests
{
    [Theory]
    [InlineData("0707614285")]
    [InlineData("070761-4285")]
    public void Borrower_number_that_is_a_cpr_number_is_shown_masked(string value)
    {
        var id = BorrowerId.Parse(value);

        id.ToString().Should().Be("070761-xxxx");
        id.Display.Should().Be("070761-xxxx");
        id.Value.Should().Be(value);
    }

    [Fact]
    public void Ordinary_borrower_number_is_shown_as_it_is()
    {
        BorrowerId.Parse("L-100234").ToString().Should().Be("L-100234");
    }

    [Fact]
    public void Exception_about_a_borrower_with_a_cpr_number_as_id_does_not_hold_the_cpr_number()
    {
        var profile = BorrowerProfile.Create(BorrowerId.Parse("0707614285"));

        var act = () => profile.OptIn(Protocol.DigitalPost);

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().NotContain("4285").And.Contain("070761-xxxx");
    }
}
