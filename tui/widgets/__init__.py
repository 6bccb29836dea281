"""The reader's widgets: the list pane and the reader pane."""
