"""The evaluation harness (a front end): gold questions through several
configurations, deterministic metrics, a report. Imports only the public
facade (service, models, errors, settings)."""
