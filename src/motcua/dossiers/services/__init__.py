"""Services that write dossiers. Import from the modules: codes, receive, transitions."""
