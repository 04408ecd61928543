"""Registry context: registration of every incoming item (complaints, protests, petitions...)."""
