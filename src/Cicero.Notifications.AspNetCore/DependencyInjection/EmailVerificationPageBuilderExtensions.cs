using Cicero.Notifications;
using Cicero.Notifications.AspNetCore;
using Cicero.Notifications.AspNetCore.Verification;
using Cicero.Notifications.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the e-mail verification page (<c>MapEmailVerification</c>) on an <see cref="ICiceroNotificationsBuilder"/>.</summary>
public static class EmailVerificationPageBuilderExtensions
{
    /// <summary>
    /// Registers the e-mail verification page with the shipped Danish and English layouts, and ASP.NET Core antiforgery
    /// (<c>AddAntiforgery</c>), which protects the page's POST. Calling it again registers nothing twice.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddEmailVerificationPage(this ICiceroNotificationsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return AddCore(builder);
    }

    /// <summary>
    /// Registers the e-mail verification page with its options configured in code, and ASP.NET Core antiforgery
    /// (<c>AddAntiforgery</c>), which protects the page's POST. Layouts are checked at start-up. Calling it again adds
    /// configuration but registers nothing twice.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="configure">Configures the page, for example its layouts.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddEmailVerificationPage(this ICiceroNotificationsBuilder builder, Action<EmailVerificationPageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<EmailVerificationPageOptions>().Configure(configure);
        return AddCore(builder);
    }

    /// <summary>
    /// Registers the e-mail verification page with its options bound from configuration (for example
    /// <c>configuration.GetSection("Cicero:Notifications:VerificationPage")</c>, holding <c>Layouts:da</c>,
    /// <c>Layouts:en</c>, …), and ASP.NET Core antiforgery. Layouts are checked at start-up.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="configuration">The configuration section holding <see cref="EmailVerificationPageOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddEmailVerificationPage(this ICiceroNotificationsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<EmailVerificationPageOptions>().Bind(configuration);
        return AddCore(builder);
    }

    private static ICiceroNotificationsBuilder AddCore(ICiceroNotificationsBuilder builder)
    {
        var services = builder.Services;
        services.AddAntiforgery();
        services.AddOptions<EmailVerificationPageOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailVerificationPageOptions>, VerificationPageOptionsValidator>());
        services.TryAddSingleton<VerificationPageLayouts>();
        services.TryAddSingleton<VerificationPage>();
        return builder;
    }
}
