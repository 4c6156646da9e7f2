using Cicero.Notifications.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LibraryWebHost;

/// <summary>The README's complete <c>Program.cs</c> of a web host: the lines between the markers, as top-level statements.</summary>
public static class Program
{
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        // <program>
        var notifications = builder.Configuration.GetSection("Cicero:Notifications");
        builder.Services.AddCiceroNotifications(notifications)
            .UseSqliteStore(builder.Configuration)                         // ConnectionStrings:CiceroNotifications
            .AddHttpChannel(Protocol.Sms, notifications.GetSection("Sms")) // the SMS gateway
            .AddEmailVerificationPage()
            .AddBackgroundProcessing();
        builder.Services.AddHealthChecks().AddCiceroNotifications();

        // Staff sign in with the host's own scheme (OpenID Connect, JWT bearer, Negotiate …), added here.
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("CiceroStaff", policy => policy.RequireAuthenticatedUser().RequireRole("Bibliotekar"));
        builder.Services.AddCiceroStaffApi(o => o.AuthorizationPolicy = "CiceroStaff");

        // ASP.NET Core's request log writes URLs with their query strings: the verification link's token.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapEmailVerification("/bekraeft-email");                       // the path of Verification:BaseUrl
        app.MapDeliveryReceipts("/receipts/sms", Protocol.Sms,
            o => builder.Configuration.GetSection("SmsGateway:Receipts").Bind(o)); // paths, statuses, signature secret
        app.MapCiceroStaffApi("/api/staff");
        app.MapHealthChecks("/health");
        // </program>
        return app;
    }
}
