"""Models of the ${V[$app]}; built in their own issue."""
