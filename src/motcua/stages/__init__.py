"""The stage catalogue: each hand-over stage of the postal one-stop model as versioned data (docs/stages.md)."""
