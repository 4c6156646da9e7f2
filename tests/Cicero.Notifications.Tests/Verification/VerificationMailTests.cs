using Cicero.Notifications.Domain;
using Cicero.Notifications.Tests.Borrowers;

namespace Cicero.Notifications.Tests.Verification;

/// <summary>The verification mail rendered by the real Scriban renderer from the shipped Danish and English templates.</summary>
public sealed class VerificationMailTests : IDisposable
{
    private readonly ProfileHarness _h = new(realRenderer: true);
    private readonly BorrowerId _id = ProfileHarness.Borrower();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task The_Danish_mail_carries_the_link()
    {
        var added = await _h.BorrowerWithManualEmailAsync();

        var body = (await _h.MessageAsync(added.VerificationMessageId!.Value)).Content!.Body;

        body.Should().MatchRegex(@"\n" + ProfileHarness.BaseUrl.Replace(".", @"\.", StringComparison.Ordinal) + @"\?token=[A-Za-z0-9_-]{43}&culture=da-DK\n");
    }

    [Fact]
    public async Task The_Danish_mail_says_when_the_link_expires_in_Danish_time()
    {
        var added = await _h.BorrowerWithManualEmailAsync();

        var body = (await _h.MessageAsync(added.VerificationMessageId!.Value)).Content!.Body;

        body.Should().Contain("Linket udløber 13. marts 2026 kl. 10.00.");
    }

    [Fact]
    public async Task The_Danish_mail_asks_to_confirm_the_address()
    {
        var added = await _h.BorrowerWithManualEmailAsync();

        var subject = (await _h.MessageAsync(added.VerificationMessageId!.Value)).Content!.Subject;

        subject.Should().Be("Bekræft din e-mailadresse");
    }

    [Fact]
    public async Task The_Danish_mail_is_signed_by_the_library()
    {
        var added = await _h.BorrowerWithManualEmailAsync();

        var body = (await _h.MessageAsync(added.VerificationMessageId!.Value)).Content!.Body;

        body.Should().EndWith("Venlig hilsen\nEksempelby Bibliotek");
    }

    [Fact]
    public async Task A_borrower_who_prefers_English_gets_the_English_mail()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.SetPreferredCultureAsync(_id, "en");

        var added = await _h.Profiles.AddEmailAsync(_id, "laaner@example.dk", ContactPurpose.Notification, ContactSource.Manual);

        (await _h.MessageAsync(added.VerificationMessageId!.Value)).Content!.Body.Should().Contain("The link expires on 13 March 2026 10:00.");
    }

    [Fact]
    public async Task The_token_in_the_real_mail_verifies_the_address()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        var body = (await _h.MessageAsync(added.VerificationMessageId!.Value)).Content!.Body;
        var token = body.Split('\n').Single(l => l.StartsWith(ProfileHarness.BaseUrl, StringComparison.Ordinal)).Split("?token=")[1].Split('&')[0];

        var result = await _h.Verification.VerifyEmailAsync(token);

        result.Should().Be(VerificationResult.Verified);
    }
}
