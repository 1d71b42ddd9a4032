using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using JobPlatform.Providers.Telemetry;

namespace JobPlatform.Tests.Providers;

/// <summary>What one host's providers' meter records, listened to directly (the meter a host creates is its own).</summary>
public sealed class ProviderMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public ProviderMetrics(IMeterFactory hostMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ProviderTelemetry.Name && instrument.Meter.Scope == hostMeters)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The calls recorded, as (provider, operation, outcome).</summary>
    public IReadOnlyList<(object? Provider, object? Operation, object? Outcome)> Calls() =>
        [.. _measurements.Where(measurement => measurement.Instrument == ProviderTelemetry.CallDurationMetric)
            .Select(measurement => (measurement.Tags["provider"], measurement.Tags["operation"], measurement.Tags["outcome"]))];

    /// <summary>The circuit-state gauge of <paramref name="provider"/>, read now.</summary>
    public double CircuitState(string provider)
    {
        _listener.RecordObservableInstruments();
        return _measurements.Last(measurement => measurement.Instrument == ProviderTelemetry.CircuitStateMetric && Equals(measurement.Tags["provider"], provider)).Value;
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue((instrument.Name, value, new Dictionary<string, object?>(tags.ToArray())));
}
