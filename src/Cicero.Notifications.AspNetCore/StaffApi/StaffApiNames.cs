using System.Globalization;
using Cicero.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>
/// Display names the staff API shows beside the stable codes where the library's rows do not carry them (a profile's
/// opt-in protocols): built-in protocols from <see cref="DisplayNames"/>, user-defined ones from their setup.
/// </summary>
internal sealed class StaffApiNames(IOptions<CiceroNotificationsOptions> library)
{
    public string Protocol(Protocol protocol, CultureInfo? culture)
    {
        var defined = library.Value.UserDefinedProtocols.FirstOrDefault(p => string.Equals(p.Name, protocol.Name, StringComparison.OrdinalIgnoreCase));
        if (defined is null)
        {
            return DisplayNames.Of(protocol, culture ?? Culture(null));
        }

        var name = IsEnglish(culture ?? Culture(null)) ? defined.DisplayNameEn : defined.DisplayNameDa;
        return string.IsNullOrWhiteSpace(name) ? protocol.Name : name;
    }

    /// <summary>The culture names are shown in: the request's, else the library's default.</summary>
    public CultureInfo Culture(CultureInfo? requested) => requested ?? CultureInfo.GetCultureInfo(library.Value.DefaultCulture);

    private static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";
}
