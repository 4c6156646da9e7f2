using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>The rule for branch codes: 1–32 ASCII letters, digits, '-' or '_'.</summary>
public sealed class BranchCodeTests
{
    [Theory]
    [InlineData("HB")]
    [InlineData("Filial-Nord")]
    [InlineData("filial_2")]
    [InlineData("0")]
    [InlineData("abcdefghijklmnopqrstuvwxyz-_0123")] // 32 characters
    public void A_code_of_letters_digits_hyphens_and_underscores_is_valid(string code)
        => BranchCode.IsValid(code).Should().BeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz-_01234")] // 33 characters
    [InlineData("Filial Nord")]
    [InlineData("Østerbro")]
    [InlineData("HB.")]
    [InlineData("-/")]
    public void Anything_else_is_not(string? code)
        => BranchCode.IsValid(code).Should().BeFalse();
}
