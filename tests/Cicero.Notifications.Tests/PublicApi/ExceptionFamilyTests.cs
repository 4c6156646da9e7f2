using Cicero.Notifications.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.PublicApi;

public sealed class ExceptionFamilyTests
{
    [Fact]
    public void Every_public_exception_of_the_library_derives_from_CiceroNotificationsException()
    {
        var exceptions = typeof(CiceroNotificationsException).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t))
            .ToList();

        exceptions.Should().Contain([typeof(MessageActionException), typeof(MessageConflictException), typeof(BorrowerProfileConflictException), typeof(BorrowerProfileNotFoundException)]);
        exceptions.Where(t => t != typeof(CiceroNotificationsException)).Should().AllSatisfy(t => t.Should().BeAssignableTo<CiceroNotificationsException>());
    }

    [Fact]
    public async Task A_host_catches_a_refused_staff_action_and_an_unknown_borrower_as_CiceroNotificationsException()
    {
        using var library = new Support.TestLibrary();

        var unknownBorrower = () => library.NotifyAsync("nobody", NotificationType.WelcomeBorrower);
        var unknownMessage = () => library.Services.GetRequiredService<IMessageQueue>().RetryAsync(MessageId.New(library.Time.GetUtcNow()), "staff-1");

        await unknownBorrower.Should().ThrowAsync<CiceroNotificationsException>();
        (await unknownMessage.Should().ThrowAsync<CiceroNotificationsException>()).Which.Should().BeOfType<MessageActionException>();
    }
}
