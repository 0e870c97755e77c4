"""The web app (a front end): Gradio tabs that render what the facade
returns, and the named API endpoints."""
