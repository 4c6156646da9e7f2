using System.ComponentModel;
using System.Globalization;

namespace Cicero.Notifications.Domain;

/// <summary>Lets configuration binding turn <c>"ReservationReady"</c> into <see cref="NotificationType.ReservationReady"/>.</summary>
internal sealed class NotificationTypeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType)
        => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
        => value is string s ? NotificationType.Parse(s) : base.ConvertFrom(context, culture, value);

    // "!=" for "==" below is an equivalent mutant: the base converter writes ToString(), which is the name.
    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType)
        => destinationType == typeof(string) && value is NotificationType p ? p.Name : base.ConvertTo(context, culture, value, destinationType);
}
