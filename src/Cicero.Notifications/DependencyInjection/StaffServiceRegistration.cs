using Cicero.Notifications;
using Cicero.Notifications.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.DependencyInjection;

/// <summary>Registers the staff services: the borrower's messages, printing and the message queue.</summary>
internal static class StaffServiceRegistration
{
    /// <summary>Adds <see cref="IBorrowerMessages"/>, <see cref="IMessagePrinter"/>, <see cref="IMessageQueue"/> and <see cref="ILetterRuns"/> (singletons, <c>TryAdd</c>) and the print options' validation.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    internal static IServiceCollection AddStaffServices(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CiceroNotificationsOptions>, PrintOptionsValidator>());
        services.TryAddSingleton<StaffView>();
        services.TryAddSingleton<PrintLayouts>();
        services.TryAddSingleton<IBorrowerMessages, BorrowerMessageReader>();
        services.TryAddSingleton<IMessagePrinter, MessagePrinter>();
        services.TryAddSingleton<IMessageQueue, MessageQueue>();
        services.TryAddSingleton<ILetterRuns, LetterRuns>();
        return services;
    }
}
