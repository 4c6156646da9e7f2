using Cicero.Notifications.Staff;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>The staff id every staff action records: 1–100 characters, never the id reserved for automatic processing.</summary>
public sealed class StaffIdTests
{
    [Fact]
    public void A_staff_id_of_up_to_100_characters_is_accepted()
    {
        var check = () => StaffId.Check(new string('s', StaffId.MaxLength));

        check.Should().NotThrow();
    }

    [Theory]
    [InlineData(101, "A staff id is at most 100 characters.*")]
    [InlineData(0, "The value cannot be an empty string*")]
    public void A_longer_or_empty_staff_id_is_refused(int length, string refusal)
    {
        var check = () => StaffId.Check(new string('s', length));

        check.Should().Throw<ArgumentException>().WithMessage(refusal).Which.ParamName.Should().Be("staffId");
    }

    [Theory]
    [InlineData("system")]
    [InlineData(" SYSTEM ")]
    public void The_id_reserved_for_automatic_processing_is_refused(string staffId)
    {
        var check = () => StaffId.Check(staffId);

        check.Should().Throw<ArgumentException>().WithMessage("'system' is reserved for automatic processing: give the acting staff member's id.*");
    }
}
