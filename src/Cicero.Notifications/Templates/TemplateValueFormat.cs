using System.Globalization;

namespace Cicero.Notifications.Templates;

/// <summary>
/// How dates and times print in a letter when a template writes them without a format: Danish
/// <c>12. marts 2025</c> and <c>12. marts 2025 kl. 14.30</c>; other languages <c>12 March 2025</c> and
/// <c>12 March 2025 14:30</c>. Templates that want something else use <c>date.to_string</c>.
/// </summary>
internal static class TemplateValueFormat
{
    public static string Date(DateTime value, CultureInfo culture)
    {
        var danish = IsDanish(culture);
        var format = value.TimeOfDay == TimeSpan.Zero
            ? danish ? "d. MMMM yyyy" : "d MMMM yyyy"
            : danish ? "d. MMMM yyyy 'kl.' HH.mm" : "d MMMM yyyy HH:mm";
        return value.ToString(format, culture);
    }

    public static string? Time(TimeSpan value, CultureInfo culture)
    {
        if (value < TimeSpan.Zero || value >= TimeSpan.FromDays(1) || value.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            return null;
        }

        return value.ToString(IsDanish(culture) ? @"hh\.mm" : @"hh\:mm", culture);
    }

    private static bool IsDanish(CultureInfo culture)
        => string.Equals(culture.TwoLetterISOLanguageName, "da", StringComparison.OrdinalIgnoreCase);
}
