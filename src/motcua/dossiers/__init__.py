"""The heart of motcua: dossiers, their lifecycle, codes, deadlines and history."""
