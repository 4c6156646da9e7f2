using Cicero.Notifications.Profiles;
using Cicero.Notifications.Nightly;
using Cicero.Notifications.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.DependencyInjection;

/// <summary>Borrower profiles, e-mail verification and the nightly jobs, registered by <c>AddCiceroNotifications</c>.</summary>
internal static class ProfileServiceRegistration
{
    internal static IServiceCollection AddProfileServices(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CiceroNotificationsOptions>, VerificationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CiceroNotificationsOptions>, NightlyOptionsValidator>());
        services.TryAddSingleton<VerificationMailer>();
        services.TryAddSingleton<HeldMessageResolver>();
        services.TryAddSingleton<IBorrowerProfiles, BorrowerProfiles>();
        services.TryAddSingleton<IEmailVerification, EmailVerifier>();
        services.TryAddSingleton<INightlyJobs, NightlyJobs>();
        return services;
    }
}
