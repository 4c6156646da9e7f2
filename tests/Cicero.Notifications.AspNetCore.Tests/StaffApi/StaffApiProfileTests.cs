using System.Net;
using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.AspNetCore.Tests.StaffApi;

/// <summary>The borrower's contact settings over HTTP: contact points, verification, opt-ins, CPR/CVR and language.</summary>
public sealed class StaffApiProfileTests
{
    [Fact]
    public async Task The_profile_shows_contact_points_the_CPR_number_masked_and_opt_ins_with_display_names()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower)
            .AddContact(ContactPoint.ForPhone(Phone, ContactPurpose.Notification, ContactSource.Import, T0))
            .SetCpr(PersonCpr)
            .OptIn(Protocol.DigitalPost)
            .OptIn(StaffApiHost.Print));

        var response = await api.GetAsync($"/borrowers/{borrower.Value}/profile", "en");

        var json = await response.ShouldBeOkJsonAsync();
        json["cpr"]!.GetValue<string>().Should().Be(PersonCpr.Masked);
        (await response.Content.ReadAsStringAsync()).Should().NotContain(PersonCpr.Value);
        var phone = json["contactPoints"]![0]!;
        (phone["kind"]!.GetValue<string>(), phone["value"]!.GetValue<string>(), phone["purpose"]!.GetValue<string>(), phone["source"]!.GetValue<string>())
            .Should().Be(("Phone", Phone.Value, "Notification", "Import"));
        json["optIns"]!.AsArray().Select(p => (p!["protocol"]!.GetValue<string>(), p["displayName"]!.GetValue<string>()))
            .Should().Equal(("DigitalPost", "Digital Post"), ("Print", "Letter"));
    }

    [Fact]
    public async Task A_borrower_without_a_profile_is_404_with_code_ProfileNotFound()
    {
        await using var api = await StaffApiHost.StartAsync();

        await (await api.GetAsync($"/borrowers/{NewBorrower().Value}/profile")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "ProfileNotFound");
    }

    [Fact]
    public async Task A_profile_is_created_once_then_creating_it_again_is_409()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower().Value;

        var created = await api.PostAsync($"/borrowers/{borrower}/profile");
        var again = await api.PostAsync($"/borrowers/{borrower}/profile");

        (await created.ShouldBeOkJsonAsync(HttpStatusCode.Created))["borrowerId"]!.GetValue<string>().Should().Be(borrower);
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "ProfileConflict");
    }

    [Fact]
    public async Task A_phone_number_is_added_normalized_and_removed_again()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower));

        var added = await (await api.PostAsync($"/borrowers/{borrower.Value}/profile/phones", new { phone = "20 12 34 56" })).ShouldBeOkJsonAsync();
        var removed = await (await api.PostAsync($"/borrowers/{borrower.Value}/profile/phones/remove", new { phone = "+4520123456" })).ShouldBeOkJsonAsync();

        added["contactPoints"]!.AsArray().Single()!["value"]!.GetValue<string>().Should().Be("+4520123456");
        added["contactPoints"]![0]!["source"]!.GetValue<string>().Should().Be("Manual");
        removed["contactPoints"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task An_invalid_phone_number_is_422_with_the_librarys_message()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower));

        var response = await api.PostAsync($"/borrowers/{borrower.Value}/profile/phones", new { phone = "80 12 34" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "InvalidValue");
        problem["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace().And.NotContain("80 12 34");
    }

    [Fact]
    public async Task Adding_a_number_the_borrower_already_has_is_409_with_code_ProfileRefused()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower).AddContact(ContactPoint.ForPhone(Phone, ContactPurpose.Notification, ContactSource.Import, T0)));

        var response = await api.PostAsync($"/borrowers/{borrower.Value}/profile/phones", new { phone = Phone.Value });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "ProfileRefused");
    }

    [Fact]
    public async Task A_missing_phone_is_400()
    {
        await using var api = await StaffApiHost.StartAsync();

        var response = await api.PostAsync($"/borrowers/{NewBorrower().Value}/profile/phones", new { purpose = "Notification" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "InvalidRequest");
    }

    [Fact]
    public async Task An_e_mail_address_added_by_staff_gets_a_verification_message_which_can_be_resent_and_the_address_removed()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower));

        var added = await (await api.PostAsync($"/borrowers/{borrower.Value}/profile/emails", new { email = "laaner@example.dk" })).ShouldBeOkJsonAsync();
        var resent = await (await api.PostAsync($"/borrowers/{borrower.Value}/profile/emails/resend-verification", new { email = "laaner@example.dk" })).ShouldBeOkJsonAsync();
        var removed = await (await api.PostAsync($"/borrowers/{borrower.Value}/profile/emails/remove", new { email = "laaner@example.dk" })).ShouldBeOkJsonAsync();

        var point = added["profile"]!["contactPoints"]![0]!;
        (point["kind"]!.GetValue<string>(), point["isAwaitingVerification"]!.GetValue<bool>()).Should().Be(("Email", true));
        var first = added["verificationMessageId"]!.GetValue<string>();
        resent["verificationMessageId"]!.GetValue<string>().Should().NotBe(first);
        (await api.GetStoredAsync(MessageId.Parse(first)))!.Type.Should().Be(NotificationType.EmailVerification);
        removed["contactPoints"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task An_invalid_e_mail_address_is_422_and_resending_for_a_verified_one_is_409()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower).AddContact(ContactPoint.ForEmail(Email, ContactPurpose.Notification, ContactSource.Import, T0)));

        var invalid = await api.PostAsync($"/borrowers/{borrower.Value}/profile/emails", new { email = "Hans <hans@example.dk>" });
        var verified = await api.PostAsync($"/borrowers/{borrower.Value}/profile/emails/resend-verification", new { email = Email.Value });

        await invalid.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "InvalidValue");
        await verified.ShouldBeProblemAsync(HttpStatusCode.Conflict, "ProfileRefused");
    }

    [Fact]
    public async Task Digital_Post_needs_a_CPR_number_then_opts_in_and_out()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower));
        var path = $"/borrowers/{borrower.Value}/profile";

        var withoutCpr = await api.SendAsync(HttpMethod.Put, path + "/opt-ins/DigitalPost");
        var cpr = await (await api.SendAsync(HttpMethod.Put, path + "/cpr", new { number = "010190-1234" })).ShouldBeOkJsonAsync();
        var optedIn = await (await api.SendAsync(HttpMethod.Put, path + "/opt-ins/DigitalPost")).ShouldBeOkJsonAsync();
        var optedOut = await (await api.SendAsync(HttpMethod.Delete, path + "/opt-ins/DigitalPost")).ShouldBeOkJsonAsync();

        await withoutCpr.ShouldBeProblemAsync(HttpStatusCode.Conflict, "ProfileRefused");
        cpr["cpr"]!.GetValue<string>().Should().Be("010190-xxxx");
        optedIn["optIns"]!.AsArray().Single()!["protocol"]!.GetValue<string>().Should().Be("DigitalPost");
        optedOut["optIns"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("Sms")]
    [InlineData("Fax")]
    public async Task Switching_on_SMS_or_an_unknown_protocol_is_422_with_code_NotAllowed(string protocol)
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower));

        var response = await api.SendAsync(HttpMethod.Put, $"/borrowers/{borrower.Value}/profile/opt-ins/{protocol}");

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "NotAllowed");
    }

    [Fact]
    public async Task A_CVR_number_is_refused_beside_a_CPR_number_and_removing_the_identifier_switches_Digital_Post_off()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower).SetCpr(PersonCpr).OptIn(Protocol.DigitalPost));
        var path = $"/borrowers/{borrower.Value}/profile";

        var cvr = await api.SendAsync(HttpMethod.Put, path + "/cvr", new { number = CompanyCvr.Value });
        var removed = await (await api.SendAsync(HttpMethod.Delete, path + "/identifier")).ShouldBeOkJsonAsync();
        var company = await (await api.SendAsync(HttpMethod.Put, path + "/cvr", new { number = "DK " + CompanyCvr.Value })).ShouldBeOkJsonAsync();

        await cvr.ShouldBeProblemAsync(HttpStatusCode.Conflict, "ProfileRefused");
        removed["digitalPostSwitchedOff"]!.GetValue<bool>().Should().BeTrue();
        removed["profile"]!["cpr"].Should().BeNull();
        company["cvr"]!.GetValue<string>().Should().Be(CompanyCvr.Value);
    }

    [Fact]
    public async Task An_invalid_CPR_number_is_422()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower));

        var response = await api.SendAsync(HttpMethod.Put, $"/borrowers/{borrower.Value}/profile/cpr", new { number = "320190-1234" });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "InvalidValue");
    }

    [Fact]
    public async Task The_preferred_language_is_set_and_cleared_and_an_unknown_one_is_422()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower));
        var path = $"/borrowers/{borrower.Value}/profile/preferred-language";

        var english = await (await api.SendAsync(HttpMethod.Put, path, new { culture = "en" })).ShouldBeOkJsonAsync();
        var unknown = await api.SendAsync(HttpMethod.Put, path, new { culture = "xx-nowhere" });
        var cleared = await (await api.SendAsync(HttpMethod.Put, path, new { culture = (string?)null })).ShouldBeOkJsonAsync();

        english["preferredLanguage"]!.GetValue<string>().Should().Be("en");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "InvalidValue");
        cleared["preferredLanguage"].Should().BeNull();
    }

    [Fact]
    public async Task A_change_to_a_borrower_without_a_profile_is_404()
    {
        await using var api = await StaffApiHost.StartAsync();

        var response = await api.PostAsync($"/borrowers/{NewBorrower().Value}/profile/phones", new { phone = "20 12 34 56" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "ProfileNotFound");
    }
}
