using System.Net;
using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.AspNetCore.Tests.StaffApi;

/// <summary>
/// Problem details hold no personal data: personal data is planted in the borrower id (a CPR number), the message's
/// address, content, failure reasons and notes, and the request's input, and no problem repeats any of it.
/// </summary>
public sealed class StaffApiPersonalDataTests
{
    private const string CprBorrower = "0707614285";
    private static readonly string[] Planted = ["0707614285", "Hans Hansen", "+4520123456", "20123456", "borrower@example.dk", "Hemmelig besked", "1212129999"];

    [Fact]
    public async Task No_problem_detail_repeats_planted_personal_data()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = BorrowerId.Parse(CprBorrower);
        await api.SaveBorrowerAsync(BorrowerProfile.Create(borrower)
            .AddContact(ContactPoint.ForPhone(Phone, ContactPurpose.Notification, ContactSource.Import, T0))
            .AddContact(ContactPoint.ForEmail(Email, ContactPurpose.Notification, ContactSource.Import, T0)));
        var planted = await api.AddAsync(FailedWithPlantedReasons(borrower, T0));
        var sent = await api.AddAsync(Message.CreatePending(MessageId.New(T0), borrower, NotificationType.ReservationReady, Protocol.Sms,
                MessageRecipient.Phone(Phone), Content("Hemmelig besked til Hans Hansen"), "da-DK", T0)
            .MarkDelivered(T0.AddMinutes(1), "provider-1"));
        var path = $"/borrowers/{CprBorrower}/profile";

        var problems = new[]
        {
            await api.PostAsync($"/messages/{sent.Id}/retry", new { note = "Hans Hansen 0707614285" }),
            await api.PostAsync($"/messages/{sent.Id}/reroute", new { protocol = "Fax", note = "Hans Hansen" }),
            await api.PostAsync($"/messages/{planted.Id}/dismiss", new { note = new string('x', 1001) + "Hans Hansen" }),
            await api.PostAsync($"/messages/{planted.Id}/retry", ifMatch: "\"0\""),
            await api.PostAsync(path + "/phones", new { phone = Phone.Value }),
            await api.PostAsync(path + "/phones", new { phone = "0707614285 Hans Hansen" }),
            await api.PostAsync(path + "/emails", new { email = Email.Value }),
            await api.PostAsync(path + "/emails", new { email = "Hans Hansen <borrower@example.dk>" }),
            await api.PostAsync(path + "/emails/resend-verification", new { email = Email.Value }),
            await api.SendAsync(HttpMethod.Put, path + "/cpr", new { number = "1212129999x" }),
            await api.SendAsync(HttpMethod.Put, path + "/cvr", new { number = "0707614285" }),
            await api.SendAsync(HttpMethod.Put, path + "/opt-ins/DigitalPost"),
            await api.SendAsync(HttpMethod.Put, path + "/preferred-language", new { culture = "Hans Hansen" }),
            await api.GetAsync($"/borrowers/{CprBorrower}/messages?continuation=0707614285"),
            await api.Client.PostAsync(StaffApiHost.Route(path + "/phones"), new StringContent("{\"phone\": \"0707614285 Hans Hansen", System.Text.Encoding.UTF8, "application/json")),
        };

        foreach (var response in problems)
        {
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).Should().BeInRange(400, 499, text);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", text);
            foreach (var data in Planted)
            {
                text.Should().NotContain(data, $"a problem must not hold personal data ({response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath})");
            }
        }
    }

    [Fact]
    public async Task A_problem_about_a_borrower_whose_id_is_a_CPR_number_shows_it_masked_at_most()
    {
        await using var api = await StaffApiHost.StartAsync();
        await api.SaveBorrowerAsync(BorrowerProfile.Create(BorrowerId.Parse(CprBorrower)).AddContact(ContactPoint.ForPhone(Phone, ContactPurpose.Notification, ContactSource.Import, T0)));

        var response = await api.PostAsync($"/borrowers/{CprBorrower}/profile/phones", new { phone = Phone.Value });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "ProfileRefused");
        problem.ToJsonString().Should().NotContain(CprBorrower);
    }
}
